# Licensed under the Apache License, Version 2.0 (the "License"); you may
# not use this file except in compliance with the License. You may obtain
# a copy of the License at
#
#      http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS, WITHOUT
# WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied. See the
# License for the specific language governing permissions and limitations
# under the License.
"""Whether the driver of a transport is installed, as a service would see.

The policy decides on a driver's name; oslo.messaging then loads the
driver from its ``oslo.messaging.drivers`` entry point.  A driver the
policy would load (or load with a warning) but that no installed package
provides, or whose module does not import (kafka without
``confluent-kafka``), makes the service fail to start, which ``check`` and
the upgrade check report as a failure.  Loading is tried the way stevedore
loads the entry point, by importing its module: nothing connects to
anything.  Only the operator tools ask, never a service's start-up.

A test-only driver (``fake``) loads in a service, but a deployment that
uses it drops every message: the tools warn about it.
"""

import importlib.metadata
import threading

from oslo_messaging_support.engine import tiers

#: A driver that is not installed fails the service: a refusal's severity.
_NOT_INSTALLED = tiers.Action.REFUSE.severity

#: A test-only driver in a deployment: a warning's severity.
_TEST_ONLY = tiers.Action.WARN.severity

_LOAD_ERRORS = {}
_LOCK = threading.Lock()


def load_error(policy, driver):
    """Why the installed driver ``driver`` does not load, or ``None``.

    The first entry point registered as ``driver`` (the one stevedore
    loads) is resolved: its module imported, with its dependencies, and
    its object looked up.  The answer is kept per entry point target.

    :param policy: the :class:`~oslo_messaging_support.SupportPolicy`
        whose entry point table is asked
    :param driver: the driver name
    :returns: a sentence naming the module that fails and why, or
        ``None`` when it loads or when no entry point is installed
    """
    installed = policy.entry_points.get(driver)
    if not installed:
        return None
    target = installed[0].target
    with _LOCK:
        if target in _LOAD_ERRORS:
            return _LOAD_ERRORS[target]
    entry_point = importlib.metadata.EntryPoint(
        name=driver, value=target, group='oslo.messaging.drivers')
    error = None
    try:
        entry_point.load()
    except ImportError as exc:
        missing = getattr(exc, 'name', None)
        error = ('its module %s does not import: %s%s' % (
            entry_point.module, exc,
            " (the module '%s' is missing: install the package that "
            "provides it)" % missing if missing else ''))
    except Exception as exc:  # a driver module that fails as it loads
        error = 'its entry point %s does not load: %s: %s' % (
            target, type(exc).__name__, exc)
    with _LOCK:
        _LOAD_ERRORS[target] = error
    return error


def clear():
    """Forget which entry points load (after installing)."""
    with _LOCK:
        _LOAD_ERRORS.clear()


def is_installed(policy, driver):
    """Whether an entry point named ``driver`` is registered.

    Cheap: nothing is imported.  ``list`` shows it for every driver;
    :func:`verdict` (``check``, the upgrade check) also loads the entry
    point, since a registered driver whose module does not import fails
    the service all the same.

    :param policy: the :class:`~oslo_messaging_support.SupportPolicy`
        whose entry point table is asked
    :param driver: the driver name
    """
    return bool(policy.entry_points.get(driver))


def not_installed_reason(driver):
    """The sentence for a driver the policy allows but nobody installed."""
    return ("No '%s' driver is installed (no entry point in the "
            "oslo.messaging.drivers namespace): the service would fail to "
            "start when it creates this transport." % driver)


def not_loadable_reason(driver, error):
    """The sentence for an installed driver that does not load."""
    return ("The '%s' driver is installed but does not load: %s; the "
            "service would fail to start when it creates this transport."
            % (driver, error))


def test_only_reason(driver):
    """The sentence for a test-only driver in a deployment."""
    return ("A deployment that uses the test-only driver '%s' drops every"
            " message: nothing reaches another process." % driver)


def verdict(policy, transport, decision):
    """How a service meets one transport: its severity and the reason.

    The severity is the decision's ``Action.severity`` (0 load, 1 warn,
    2 refuse), raised to a refusal's when no package provides the driver
    or its module does not import, since the service would then fail to
    start, and to a warning's for a test-only driver, which loads but
    drops every message; the reason then starts with the sentence that
    says so.

    :param policy: the :class:`~oslo_messaging_support.SupportPolicy`
        whose entry point table is asked
    :param transport: the :class:`~.configured_transports.ServiceTransport`
    :param decision: the policy's decision on it
    :returns: ``(severity, installed, reason)``: ``installed`` is whether
        the driver is installed and loads
    """
    registered = bool(policy.entry_points.get(transport.driver))
    error = load_error(policy, transport.driver) if registered else None
    installed = registered and error is None
    severity = tiers.Action(decision.action).severity
    reason = transport.reason(decision)
    if severity < _NOT_INSTALLED and not registered:
        severity = _NOT_INSTALLED
        reason = '%s %s' % (not_installed_reason(transport.driver), reason)
    elif severity < _NOT_INSTALLED and error is not None:
        severity = _NOT_INSTALLED
        reason = '%s %s' % (not_loadable_reason(transport.driver, error),
                            reason)
    elif severity < _TEST_ONLY and decision.tier == tiers.Tier.TESTING:
        severity = _TEST_ONLY
        reason = '%s %s' % (test_only_reason(transport.driver), reason)
    return severity, installed, reason

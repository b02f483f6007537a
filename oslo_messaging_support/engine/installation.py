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
provides makes the service fail to start, which ``check`` and the upgrade
check report as a failure.
"""

from oslo_messaging_support.engine import tiers

#: A driver that is not installed fails the service: a refusal's severity.
_NOT_INSTALLED = tiers.Action.REFUSE.severity


def is_installed(policy, driver):
    """Whether an entry point named ``driver`` is installed.

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


def verdict(policy, transport, decision):
    """How a service meets one transport: its severity and the reason.

    The severity is the decision's ``Action.severity`` (0 load, 1 warn,
    2 refuse), raised to a refusal's when no package provides the driver,
    since the service would then fail to start; the reason then starts
    with the sentence that says so.

    :param policy: the :class:`~oslo_messaging_support.SupportPolicy`
        whose entry point table is asked
    :param transport: the :class:`~.configured_transports.ServiceTransport`
    :param decision: the policy's decision on it
    :returns: ``(severity, installed, reason)``
    """
    installed = is_installed(policy, transport.driver)
    severity = tiers.Action(decision.action).severity
    reason = transport.reason(decision)
    if not installed and severity < _NOT_INSTALLED:
        severity = _NOT_INSTALLED
        reason = '%s %s' % (not_installed_reason(transport.driver), reason)
    return severity, installed, reason

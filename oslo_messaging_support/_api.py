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
"""Module-level helpers over the process-wide :class:`SupportPolicy`."""

from oslo_messaging_support import _support_policy


def get_calendar():
    """The bundled release :class:`~oslo_messaging_support.Calendar`."""
    return _support_policy.POLICY.calendar


def get_manifest(overlay=None):
    """The bundled :class:`~oslo_messaging_support.Manifest`.

    :param overlay: the path of an operator overlay file to apply
    :raises ManifestError: the overlay is unreadable or invalid
    """
    return _support_policy.POLICY.manifest(overlay)


def evaluate(driver, release=None, date=None, overlay=None, settings=None,
             usage=None):
    """Apply the policy to one driver.

    >>> from oslo_messaging_support import evaluate
    >>> decision = evaluate('amqp', release='2024.2')
    >>> decision.tier, decision.removal_in.id
    ('deprecated', '2024.2')

    :param driver: a driver name as in a transport URL scheme (``rabbit``)
    :param release: a series name or id; default: the series of the
        installed oslo.messaging (or, with ``date``, the series under
        development on that date)
    :param date: a ``YYYY-MM-DD`` string or a :class:`datetime.date`;
        default: today
    :param overlay: the path of an operator overlay file
    :param settings: the operator's :class:`~oslo_messaging_support.Settings`
    :param usage: ``'rpc'`` or ``'notifications'`` to check the driver can
        carry it
    :returns: a :class:`~oslo_messaging_support.Decision`
    :raises CalendarError: an unknown series or a bad date
    :raises ManifestError: the overlay is unreadable or invalid
    """
    policy = _support_policy.POLICY
    point = None
    if release is not None or date is not None:
        point = policy.point(release, date)
    return policy.decide(driver, point, overlay, settings, usage)

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

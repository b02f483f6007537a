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
"""``oslo-messaging-support list``: every driver with its tier."""

from oslo_messaging_support.cmd import _common
from oslo_messaging_support.engine import installation
from oslo_messaging_support.engine import support

COLUMNS = ('Name', 'Tier', 'Compliance', 'Action', 'Deprecated In',
           'Removal In', 'Declared Removal', 'Deadline', 'Replacement',
           'Installed', 'Reason')


def driver_rows(policy, point, configured):
    """One row per manifest driver, alias and unknown installed driver."""
    manifest = policy.manifest(configured.overlay)
    names = manifest.names()
    names += sorted(name for name in policy.entry_points.table()
                    if name not in names)
    rows = []
    for name in names:
        decision = policy.decide(name, point, configured.overlay,
                                 configured.settings)
        rows.append((
            name, decision.tier, decision.compliance, decision.action,
            _common.series_label(decision.deprecated_in),
            _common.series_label(decision.removal_in),
            _common.series_label(getattr(decision.declared_removal,
                                         'series', None)),
            _common.date_label(decision.deadline),
            decision.replacement,
            installation.is_installed(policy, name),
            decision.message()))
    return rows


class ListDrivers(_common.SupportCommand):
    """List every transport driver with its support tier and action.

    The table shows the name, tier, compliance, action, removal series
    (the series a removed driver went in, or the earliest the policy allows
    for a deprecated one) and whether the driver is installed (an entry
    point is registered; check also loads it, with its dependencies);
    --long adds the deprecation series, the removal upstream declared with
    it, the deadline, the replacement and the reason.  -f json and -f yaml
    always carry every column.
    """

    DEFAULT_COLUMNS = ('Name', 'Tier', 'Compliance', 'Action', 'Removal In',
                       'Installed')

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        return _common.add_evaluation_arguments(parser)

    def listing(self, parsed_args):
        _, configured = self.configuration(parsed_args)
        evaluated = _common.evaluated(parsed_args, configured)
        return _common.Listing(COLUMNS, driver_rows(support.POLICY,
                                                    evaluated.point,
                                                    configured),
                               evaluated=evaluated)

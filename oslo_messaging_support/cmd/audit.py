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
"""``oslo-messaging-support audit``: each driver against every criterion.

The table has one row per driver and criterion, then the driver's verdict
and the history that broke the policy; ``-f json`` prints one object per
driver (``driver``, ``declared_tier``, ``policy_tier``, ``compliant``,
``agrees``, ``reason``, ``findings``, ``history``).
"""

import json
import sys

from cliff import command
import prettytable

from oslo_messaging_support import _support_policy
from oslo_messaging_support import audit
from oslo_messaging_support.cmd import _common

COLUMNS = ('Driver', 'Criterion', 'Result', 'Evidence', 'Source')
FORMATS = ('table', 'json')
_WIDTHS = {'Evidence': 60, 'Source': 40}


def _verdict(value):
    return {True: 'yes', False: 'no', None: 'unknown'}[value]


def audit_rows(results):
    """The table rows: criteria, then verdict, then history, per driver."""
    rows = []
    for item in results:
        for finding in item.findings:
            rows.append((item.driver, finding.criterion, finding.result,
                         finding.evidence,
                         '%s: %s' % (finding.origin, finding.source)))
        rows.append((
            item.driver, 'tier', _verdict(item.agrees),
            'declared %s; the findings call for %s: %s' % (
                item.declared_tier, item.policy_tier or 'no verdict',
                item.reason), 'policy engine'))
        for event in item.history:
            rows.append((item.driver, 'history', 'fail',
                         '%s: %s' % (event.kind, event.detail),
                         'manifest: %s' % event.source))
        rows.append((item.driver, 'compliant', _verdict(item.compliant),
                     'tier agrees and no history broke the policy'
                     if item.compliant else
                     'see the tier and history rows', ''))
    return rows


def format_table(rows, stream):
    """Write the rows as a table with wrapped long columns."""
    table = prettytable.PrettyTable(COLUMNS)
    table.align = 'l'
    for column, width in _WIDTHS.items():
        table.max_width[column] = width
    for row in rows:
        table.add_row(row)
    stream.write(table.get_string() + '\n')


def format_json(results, stream):
    """Write a JSON list with one object per driver."""
    json.dump([item.as_dict() for item in results], stream, indent=2)
    stream.write('\n')


class Audit(_common.ErrorsInOneLine, command.Command):
    """Judge each driver against every criterion of the policy."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        _common.add_evaluation_arguments(parser)
        parser.add_argument(
            '--source', metavar='DIR',
            help='an unpacked oslo.messaging source tree (sdist or '
                 'checkout): its .zuul.yaml, tox.ini, metadata, tests '
                 'and docs decide unit_tests, integration, gate_voting '
                 'and documentation')
        parser.add_argument(
            '--coverage', metavar='FILE',
            help='a coverage report of oslo.messaging\'s test suite '
                 '(Cobertura XML from "coverage xml", or "coverage '
                 'json"); decides each driver\'s coverage')
        parser.add_argument(
            '--driver', action='append', default=[], metavar='NAME',
            help='audit only this driver (repeatable)')
        parser.add_argument(
            '-f', '--format', choices=FORMATS, default='table',
            help='output format (default: table)')
        return parser

    def take_action(self, parsed_args):
        _, configured = _common.load_configuration(parsed_args)
        policy = _support_policy.POLICY
        manifest = policy.manifest(configured.overlay)
        tree = audit.SourceTree(parsed_args.source) \
            if parsed_args.source else None
        report = audit.read_report(parsed_args.coverage) \
            if parsed_args.coverage else None
        point = _common.evaluation_point(parsed_args, configured)
        if point is None:
            point = policy.point(
                tree.series(policy.calendar) if tree is not None else None)
        results = audit.audit(manifest, policy.calendar, point, tree,
                              report, parsed_args.driver)
        stream = self.app.stdout if self.app else sys.stdout
        if parsed_args.format == 'json':
            format_json(results, stream)
        else:
            format_table(audit_rows(results), stream)
        return 0

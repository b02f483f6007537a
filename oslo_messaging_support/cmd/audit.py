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
and the history that broke the policy; it shows the driver, the criterion
and the result, and ``--long`` adds the evidence and its source.  ``-f
json`` and ``-f yaml`` print one object per driver (``Driver``,
``Declared Tier``, ``Policy Tier``, ``Compliant``, ``Agrees``, ``Reason``,
``Findings``, ``History``), its keys in the style of every command's
columns, and so are the keys of each finding and history event.
"""

from oslo_messaging_support import audit
from oslo_messaging_support.cmd import _common
from oslo_messaging_support.engine import support

COLUMNS = ('Driver', 'Criterion', 'Result', 'Evidence', 'Source')

#: The attributes of one driver's audit given in JSON and YAML.
FIELDS = ('driver', 'declared_tier', 'policy_tier', 'compliant', 'agrees',
          'reason', 'findings', 'history')


def key(field):
    """A field as a key of JSON and YAML, in the columns' style.

    ``declared_tier`` is ``Declared Tier``, as every command names its
    columns.
    """
    return ' '.join(word.capitalize() for word in field.split('_'))


#: The keys of one driver's object in JSON and YAML.
KEYS = tuple(key(field) for field in FIELDS)


def _keyed(value):
    if isinstance(value, dict):
        return {key(name): item for name, item in value.items()}
    return value


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


def audit_objects(results):
    """One row of :data:`KEYS` per driver, for JSON and YAML."""
    rows = []
    for item in results:
        data = item.as_dict()
        rows.append(tuple(
            [_keyed(entry) for entry in data[field]]
            if isinstance(data[field], list) else data[field]
            for field in FIELDS))
    return rows


class Audit(_common.SupportCommand):
    """Judge each driver against every criterion of the policy."""

    DEFAULT_COLUMNS = ('Driver', 'Criterion', 'Result')

    EVALUATED_KEY = 'Evaluated At'

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
        return parser

    def listing(self, parsed_args):
        _, configured = self.configuration(parsed_args)
        policy = support.POLICY
        manifest = policy.manifest(configured.overlay)
        _common.check_driver_options(parsed_args.driver, manifest)
        tree = audit.SourceTree(parsed_args.source) \
            if parsed_args.source is not None else None
        report = audit.read_report(parsed_args.coverage) \
            if parsed_args.coverage is not None else None
        fallback = None
        if tree is not None:
            series = tree.series(policy.calendar)
            if series is not None:
                fallback = (policy.point(series),
                            'the series of the --source tree')
        evaluated = _common.evaluated(parsed_args, configured, fallback)
        results = audit.audit(manifest, policy.calendar, evaluated.point,
                              tree, report, parsed_args.driver)
        if self.structured(parsed_args):
            return _common.Listing(KEYS, audit_objects(results),
                                   evaluated=evaluated)
        return _common.Listing(COLUMNS, audit_rows(results),
                               evaluated=evaluated)

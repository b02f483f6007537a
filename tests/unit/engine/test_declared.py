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
"""What upstream declared, recorded as declared, and nothing inferred.

pika's history, the removals upstream declared beside the earliest the
policy allows, the replacements in upstream's words from the series that
named them, ``unknown`` compliance where the manifest holds no evidence,
and nothing of the policy before it existed.
"""

import json

import oslo_messaging_support as oms
from oslo_messaging_support.engine import driver_manifest
from oslo_messaging_support.engine import release_calendar
from oslo_messaging_support.engine import rules
from oslo_messaging_support.engine import tiers
from oslo_messaging_support import exception
from tests import base


def _series_between(first, last):
    calendar = release_calendar.bundled_calendar()
    return [calendar.at(index).label for index in
            range(calendar.get(first).index, calendar.get(last).index + 1)]


class PikaTest(base.CommandTestCase):
    """pika was never declared experimental."""

    def test_supported_from_mitaka_until_pike(self):
        for series in _series_between('mitaka', 'ocata'):
            decision = oms.evaluate('pika', release=series)
            self.assertEqual(('supported', 'load', None),
                             (decision.tier, decision.action,
                              decision.deadline), series)
            # judged by its evidence, of which the manifest holds none
            self.assertEqual('unknown', decision.compliance, series)
        pike = oms.evaluate('pika', release='pike')
        self.assertEqual(('deprecated', 'pike', 'rocky'),
                         (pike.tier, pike.deprecated_in.label,
                          pike.removal_in.label))

    def test_the_source_says_what_was_declared(self):
        first = oms.get_manifest().drivers['pika'].lifecycle[0]
        self.assertEqual(('mitaka', 'supported'),
                         (first.series.label, first.status))
        self.assertIn('"one of oslo.messaging backend drivers"', first.source)
        self.assertIn('4.1.0', first.source)

    def test_no_late_decision_in_the_audit(self):
        status, data, err = self.run_json('audit', '--driver', 'pika',
                                          '--release', 'hibiscus')
        self.assertEqual(0, status, err)
        self.assertEqual([], data[0]['History'])


class DeclaredRemovalTest(base.CommandTestCase):
    """Upstream's declared removal beside the policy's earliest."""

    def rows(self, release):
        status, data, err = self.run_json('list', '--release', release)
        self.assertEqual(0, status, err)
        return {row['Name']: row for row in data}

    def test_zmq_and_qpid_while_deprecated(self):
        zmq = self.rows('rocky')['zmq']
        self.assertEqual(('train', 'stein'),
                         (zmq['Removal In'], zmq['Declared Removal']))
        self.assertIn("upstream declared its removal for stein "
                      "(removal_version='Stein'); the policy allows its "
                      "removal from train", zmq['Reason'])
        qpid = self.rows('liberty')['qpid']
        self.assertEqual(('newton', 'mitaka'),
                         (qpid['Removal In'], qpid['Declared Removal']))
        self.assertIn('during the `M` development cycle', qpid['Reason'])

    def test_kept_after_the_removal(self):
        rows = self.rows('hibiscus')
        self.assertEqual(('stein', 'stein'),
                         (rows['zmq']['Removal In'],
                          rows['zmq']['Declared Removal']))
        # amqp's deprecation declared no removal: nothing is made up
        self.assertEqual(('epoxy', None),
                         (rows['amqp']['Removal In'],
                          rows['amqp']['Declared Removal']))

    def test_long_table_shows_both_columns(self):
        output = self.run_cli('list', '--release', 'rocky', '--long',
                              '-c', 'Name', '-c', 'Removal In', '-c',
                              'Declared Removal', '-f', 'csv')
        self.assertEqual(0, output.status, output.stderr)
        self.assertIn('"zmq","train","stein"', output.stdout)

    def test_schedule_says_both(self):
        status, data, err = self.run_json('schedule', '--driver', 'zmq')
        self.assertEqual(0, status, err)
        deprecated, = [row for row in data if row['Event'] == 'deprecated']
        self.assertEqual(
            "zmq is declared deprecated; upstream declared its removal for "
            "stein (removal_version='Stein'); the policy allows its removal "
            "from train.", deprecated['Detail'])

    def test_schedule_row_of_its_own(self):
        status, data, err = self.run_json('schedule', '--driver', 'zmq')
        self.assertEqual(0, status, err)
        self.assertEqual(
            [('icehouse (2014.1)', 'supported'), ('rocky', 'deprecated'),
             ('stein', 'removal declared'), ('stein', 'removed')],
            [(row['Series'], row['Event']) for row in data])
        declared = data[2]['Detail']
        self.assertEqual("upstream declared zmq's removal for stein "
                         "(removal_version='Stein') when it deprecated it in"
                         " rocky.", declared)
        # amqp's deprecation declared no removal: no such row
        status, data, err = self.run_json('schedule', '--driver', 'amqp')
        self.assertNotIn('removal declared', [row['Event'] for row in data])

    def test_audit_says_both(self):
        output = self.run_cli('audit', '--driver', 'zmq', '--release',
                              'hibiscus', '-f', 'json')
        history = json.loads(output.stdout)[0]['History']
        early, = history
        self.assertIn('(removal from train); upstream declared its removal '
                      "for stein (removal_version='Stein')", early['Detail'])


class ReplacementTest(base.TestCase):
    """From the series upstream named it in, in upstream's words."""

    def replacements(self, driver, *series):
        return [oms.evaluate(driver, release=name).replacement
                for name in series]

    def test_zmq(self):
        self.assertEqual([None, 'RabbitMQ or AMQP 1.0',
                          'RabbitMQ or AMQP 1.0'],
                         self.replacements('zmq', 'queens', 'rocky',
                                           'hibiscus'))
        self.assertIn('Use RabbitMQ or AMQP 1.0 instead.',
                      oms.evaluate('zmq', release='stein').reason)

    def test_pika_and_amqp(self):
        self.assertEqual([None, 'the rabbit driver'],
                         self.replacements('pika', 'ocata', 'pike'))
        self.assertEqual([None, 'RabbitMQ or Kafka'],
                         self.replacements('amqp', 'dalmatian', 'epoxy'))
        self.assertNotIn('instead', oms.evaluate(
            'amqp', release='dalmatian').reason)

    def test_every_named_replacement_has_a_source(self):
        for entry in oms.get_manifest().drivers.values():
            if entry.replacement is not None:
                named = entry.replacement_named
                self.assertIsNotNone(named, entry.name)
                self.assertIn(named.words, named.source, entry.name)


class UnknownComplianceTest(base.TestCase):
    """Compliance needs evidence."""

    def compliance(self, driver, first, last):
        return {oms.evaluate(driver, release=series).compliance
                for series in _series_between(first, last)}

    def test_zmq_from_liberty_to_queens(self):
        self.assertEqual({'unknown'},
                         self.compliance('zmq', 'liberty', 'queens'))

    def test_amqp_from_newton_to_antelope(self):
        self.assertEqual({'unknown'},
                         self.compliance('amqp', 'newton', '2023.1'))
        decision = oms.evaluate('amqp', release='zed')
        self.assertIn('the manifest holds no evidence of the policy\'s '
                      'criteria at zed', decision.reason)

    def test_rabbit_names_the_criterion_without_evidence(self):
        decision = oms.evaluate('rabbit', release='hibiscus')
        self.assertEqual('unknown', decision.compliance)
        self.assertIn('no evidence for maintainers at hibiscus',
                      decision.reason)

    def mine(self, failing=None):
        """A supported driver of an overlay, evidence of every criterion."""
        passes = '\n'.join(
            '      %s: {result: %s, source: test}'
            % (name, 'fail' if name == failing else 'pass')
            for name in tiers.CRITERIA)
        overlay = self.write_file('overlay.yaml', """
drivers:
  mine:
    entry_point: mine.impl:Driver
    usage: [rpc]
    lifecycle:
      - {series: caracal, status: supported}
    evidence:
%s
""" % passes)
        calendar = release_calendar.bundled_calendar()
        manifest = driver_manifest.load_manifest([overlay], calendar,
                                                 strict_first=False)
        point = rules.EvaluationPoint(series=calendar.get('epoxy'),
                                      date=None)
        return rules.assess(manifest, calendar, 'mine', point)

    def test_all_pass_is_compliant_and_one_fail_is_not_met(self):
        self.assertEqual('compliant', self.mine().compliance)
        decision = self.mine('gate_voting')
        self.assertEqual('not-met', decision.compliance)
        self.assertIn('its evidence fails gate_voting', decision.reason)


class BeforeThePolicyTest(base.TestCase):
    """Nothing of the policy before it existed."""

    def test_juno_and_kilo(self):
        for series in ('juno', 'kilo'):
            amqp = oms.evaluate('amqp', release=series)
            self.assertEqual(('prospective', 'before-policy', None),
                             (amqp.tier, amqp.compliance, amqp.deadline))
            self.assertNotIn('2015-05-01', amqp.reason)
            self.assertNotIn('deadline', amqp.reason)
            rabbit = oms.evaluate('rabbit', release=series)
            self.assertEqual('before-policy', rabbit.compliance)
        liberty = oms.evaluate('amqp', release='liberty')
        self.assertIn('the policy took effect on 2015-05-01', liberty.reason)

    def test_the_start_is_recorded_with_its_source(self):
        calendar = release_calendar.bundled_calendar()
        self.assertEqual(('liberty', '2015-05-01'),
                         (calendar.policy.series.label,
                          calendar.policy.date.isoformat()))
        self.assertIn('"Liberty: Introduced"', calendar.policy.source)
        self.assertIn('2015-04-20', calendar.policy.source)
        self.assertEqual(calendar.policy.date,
                         rules.policy_start(calendar))

    def test_a_start_outside_its_series_is_refused(self):
        data = {'series': [
            {'name': 'kilo', 'id': '2015.1', 'release_date': '2015-04-30'},
            {'name': 'liberty', 'release_date': '2015-10-15'}],
            'policy': {'series': 'liberty', 'start': '2015-04-20',
                       'source': 'test'}}
        error = self.assertRaises(exception.ManifestError,
                                  release_calendar.calendar_from_data,
                                  data, 'x')
        self.assertIn('2015-04-20 is not in the development cycle of '
                      'liberty', str(error))


class SchemaTest(base.TestCase):

    def load(self, event):
        path = self.write_file('overlay.yaml', """
drivers:
  mine:
    entry_point: mine.impl:Driver
    usage: [rpc]
    lifecycle:
      - {series: caracal, status: supported}
      - %s
""" % event)
        return driver_manifest.load_manifest(
            [path], release_calendar.bundled_calendar(), strict_first=False)

    def test_a_removal_only_on_a_deprecation(self):
        error = self.assertRaises(
            exception.ManifestError, self.load,
            "{series: epoxy, status: removed, removal: {series: flamingo, "
            "quote: x}}")
        self.assertIn('only a deprecated event declares a removal',
                      str(error))

    def test_a_removal_after_the_deprecation(self):
        error = self.assertRaises(
            exception.ManifestError, self.load,
            "{series: epoxy, status: deprecated, removal: {series: epoxy, "
            "quote: x}}")
        self.assertIn('must come after the deprecation', str(error))

    def test_declared_removal_read(self):
        manifest = self.load("{series: epoxy, status: deprecated, removal: "
                             "{series: gazpacho, quote: 'in G'}}")
        removal = manifest.drivers['mine'].lifecycle[1].removal
        self.assertEqual(('gazpacho', 'in G'),
                         (removal.series.label, removal.quote))

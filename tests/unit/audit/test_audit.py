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
"""``oslo-messaging-support audit`` on an oslo.messaging 18.3.1 excerpt."""

import json
import os

from tests.unit.audit import base


def _fields(value):
    """The JSON of audit, its keys read back as the model's fields.

    The command's keys are in the style of every command's columns
    ('Policy Tier'); the tests read them as fields ('policy_tier').
    """
    if isinstance(value, list):
        return [_fields(item) for item in value]
    if isinstance(value, dict):
        return {key.lower().replace(' ', '_'): _fields(item)
                for key, item in value.items()}
    return value


def _by_driver(text):
    return {item['driver']: item for item in _fields(json.loads(text))}


def _finding(item, criterion):
    return next(f for f in item['findings'] if f['criterion'] == criterion)


class TestAuditSource(base.AuditTestCase):

    def audit(self, *extra):
        status, out, err = self.run_cli(
            'audit', '--source', base.SDIST, '--release', '2026.1',
            '-f', 'json', *extra)
        self.assertEqual(0, status, err)
        return _by_driver(out)

    def test_one_object_per_driver(self):
        result = self.audit()
        self.assertEqual(['rabbit', 'fake', 'kafka', 'qpid', 'zmq', 'pika',
                          'amqp'], list(result))
        for item in result.values():
            self.assertEqual(
                {'driver', 'declared_tier', 'policy_tier', 'compliant',
                 'agrees', 'reason', 'findings', 'history',
                 'evaluated_at'}, set(item))
            self.assertEqual(
                ['coverage', 'unit_tests', 'integration', 'gate_voting',
                 'documentation', 'maintainers'],
                [f['criterion'] for f in item['findings']])

    def test_rabbit_gate_jobs_vote(self):
        rabbit = self.audit()['rabbit']
        voting = _finding(rabbit, 'gate_voting')
        self.assertEqual('pass', voting['result'])
        self.assertIn('voting in the gate: '
                      'oslo.messaging-tox-py311-func-scenario01, '
                      'oslo.messaging-src-dsvm-full-rabbit',
                      voting['evidence'])
        self.assertEqual('source tree', voting['origin'])
        integration = _finding(rabbit, 'integration')
        self.assertEqual('pass', integration['result'])
        self.assertIn('oslo.messaging-src-dsvm-full-rabbit',
                      integration['evidence'])
        for project in ('nova', 'cinder', 'neutron'):
            self.assertIn(project, integration['evidence'])

    def test_kafka_jobs_do_not_vote(self):
        kafka = self.audit()['kafka']
        voting = _finding(kafka, 'gate_voting')
        self.assertEqual('fail', voting['result'])
        self.assertIn('none of its jobs votes in the gate',
                      voting['evidence'])
        self.assertIn('oslo.messaging-src-dsvm-full-kafka-hybrid '
                      '(notifications; non-voting in check)',
                      voting['evidence'])
        self.assertIn('oslo.messaging-tox-py311-func-scenario02',
                      voting['evidence'])
        self.assertEqual('deprecated', kafka['policy_tier'])
        self.assertIs(False, kafka['compliant'])

    def test_unit_tests_and_documentation(self):
        result = self.audit()
        tests = _finding(result['kafka'], 'unit_tests')
        self.assertEqual('pass', tests['result'])
        self.assertIn('test_impl_kafka.py', tests['evidence'])
        self.assertIn('3.11, 3.12, 3.13, 3.14', tests['evidence'])
        docs = _finding(result['kafka'], 'documentation')
        self.assertEqual('unknown', docs['result'])
        self.assertIn('admin/kafka.rst (calls it experimental)',
                      docs['evidence'])
        self.assertEqual('fail',
                         _finding(result['fake'], 'documentation')['result'])
        # rabbit: the tree has rabbit.rst; the Install Guide part comes
        # from the bundled evidence, which cites it.
        rabbit = _finding(result['rabbit'], 'documentation')
        self.assertEqual('pass', rabbit['result'])
        self.assertIn('environment-messaging.rst', rabbit['evidence'])
        # rabbit.rst is named once
        self.assertEqual(1, rabbit['evidence'].count('rabbit.rst'))

    def test_removed_driver_is_not_in_the_tree(self):
        qpid = self.audit()['qpid']
        self.assertIn('does not ship it',
                      _finding(qpid, 'integration')['evidence'])
        self.assertEqual('removed', qpid['policy_tier'])

    def test_maintainers_come_from_the_bundle(self):
        rabbit = self.audit()['rabbit']
        self.assertEqual('bundled evidence',
                         _finding(rabbit, 'maintainers')['origin'])
        self.assertIsNone(rabbit['policy_tier'])
        self.assertIsNone(rabbit['compliant'])

    def test_coverage_report_decides_coverage(self):
        result = self.audit('--coverage', base.fixture('coverage.xml'))
        rabbit = _finding(result['rabbit'], 'coverage')
        self.assertEqual(('pass', 65.0), (rabbit['result'], rabbit['value']))
        kafka = _finding(result['kafka'], 'coverage')
        self.assertEqual(('fail', 41.7), (kafka['result'], kafka['value']))
        self.assertEqual('coverage report', kafka['origin'])

    def test_driver_filter_takes_aliases(self):
        result = self.audit('--driver', 'kombu')
        self.assertEqual(['rabbit'], list(result))

    def test_table_has_every_criterion_and_no_password(self):
        status, out, err = self.run_cli('audit', '--source', base.SDIST,
                                        '--driver', 'rabbit', '--long')
        self.assertEqual(0, status, err)
        for word in ('Driver', 'Criterion', 'Result', 'Evidence', 'Source',
                     'gate_voting', 'maintainers', 'compliant'):
            self.assertIn(word, out)
        # setup-scenario-env.sh holds rabbit://pifpaf:secret@...
        self.assertNotIn('secret', out)


class TestHistory(base.AuditTestCase):

    def history(self, *point):
        status, out, err = self.run_cli(
            'audit', *(point or ('--release', '2026.1', '--date',
                                 '2026-03-01')), '-f', 'json')
        self.assertEqual(0, status, err)
        return {name: item['history']
                for name, item in _by_driver(out).items()}

    def test_breaches(self):
        history = self.history()
        qpid, = history['qpid']
        self.assertEqual(('early-removal', 'mitaka'),
                         (qpid['kind'], qpid['series']))
        self.assertIn('deprecated in liberty', qpid['detail'].lower())
        zmq, = history['zmq']
        self.assertEqual(('early-removal', 'stein'),
                         (zmq['kind'], zmq['series']))
        kafka, = history['kafka']
        self.assertEqual(('never-decided', 'ocata'),
                         (kafka['kind'], kafka['series']))
        self.assertIn('2015-12-01', kafka['detail'])
        self.assertIn('Decision due: mark it deprecated in gazpacho',
                      kafka['detail'])
        # pika was declared supported from mitaka (never experimental),
        # so it had no deadline to miss.
        self.assertEqual([], history['pika'])
        # amqp predates the policy: its grace period counts from the first
        # day of the Liberty cycle, a full cycle, so its deprecation was due
        # from mitaka; upstream declared it supported only in newton.
        amqp, = history['amqp']
        self.assertEqual(('late-decision', 'newton'),
                         (amqp['kind'], amqp['series']))
        self.assertIn('deadline 2015-11-01, decision due in mitaka',
                      amqp['detail'])
        self.assertEqual([], history['rabbit'])
        self.assertEqual([], history['fake'])

    def test_removable_at_dalmatian(self):
        """amqp, deprecated in bobcat, is still shipped in dalmatian."""
        _, amqp = self.history('--release', 'dalmatian')['amqp']
        self.assertEqual(('removable', 'dalmatian'),
                         (amqp['kind'], amqp['series']))
        self.assertIn('Decision due: remove it', amqp['detail'])

    def test_history_follows_the_evaluation_point(self):
        """Before kafka's deadline there is nothing to report yet."""
        self.assertEqual([], self.history('--date', '2016-03-01')['kafka'])
        later, = self.history('--date', '2016-10-07')['kafka']
        self.assertEqual('never-decided', later['kind'])


class TestErrors(base.AuditTestCase):

    def error(self, *argv):
        status, out, err = self.run_cli('audit', *argv)
        self.assertEqual(255, status)
        self.assertEqual(1, len(err.strip().splitlines()), err)
        self.assertNotIn('Traceback', err)
        return err

    def test_missing_source(self):
        self.assertIn('/nonexistent: not a directory',
                      self.error('--source', '/nonexistent'))

    def test_not_an_oslo_messaging_tree(self):
        self.assertIn('not an oslo.messaging source tree',
                      self.error('--source', self.tempdir))

    def test_malformed_zuul(self):
        os.makedirs(os.path.join(self.tempdir, 'oslo_messaging'))
        path = self.write_file('.zuul.yaml', '- job:\n  - name: [x\n')
        self.assertIn(path + ':', self.error('--source', self.tempdir))

    def test_wrong_coverage_format(self):
        path = self.write_file('report.json', '{"a": 1}')
        self.assertIn('not a coverage JSON report',
                      self.error('--coverage', path))

    def test_unknown_driver(self):
        self.assertIn("'nats' is not a driver of the manifest",
                      self.error('--driver', 'nats'))

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
"""Coverage reports: Cobertura XML and coverage JSON, per driver."""

from oslo_messaging_support.audit import _coverage
from oslo_messaging_support.audit import _model
from oslo_messaging_support import exception
from tests.unit.audit import base

RABBIT = ['_drivers/amqp.py', '_drivers/amqpdriver.py',
          '_drivers/impl_rabbit.py', '_drivers/pool.py']
KAFKA = ['_drivers/impl_kafka.py', '_drivers/kafka_driver/__init__.py',
         '_drivers/kafka_driver/kafka_options.py']


class TestReports(base.AuditTestCase):

    def check(self, name, fmt):
        report = _coverage.read_report(base.fixture(name))
        self.assertEqual(fmt, report.format)
        # rabbit: 7/10 + 2/4 + 4/4 + 0/2 = 13 of 20 statements.
        rabbit = _coverage.driver_coverage(report, RABBIT)
        self.assertEqual((13, 20), (rabbit.covered, rabbit.statements))
        self.assertAlmostEqual(65.0, rabbit.percent)
        # kafka: 5/10 + 0/2, and its package __init__ is not reported.
        kafka = _coverage.driver_coverage(report, KAFKA)
        self.assertEqual((5, 12), (kafka.covered, kafka.statements))
        self.assertIsNone(dict(kafka.modules)[
            '_drivers/kafka_driver/__init__.py'])

    def test_cobertura(self):
        self.check('coverage.xml', 'cobertura')

    def test_json(self):
        self.check('coverage.json', 'json')

    def test_driver_absent_from_report(self):
        report = _coverage.read_report(base.fixture('coverage.json'))
        result = _coverage.driver_coverage(report, ['_drivers/impl_zmq.py'])
        self.assertIsNone(result.percent)

    def test_suffix_matches_whole_components(self):
        report = _coverage.read_report(base.fixture('coverage.json'))
        self.assertIsNone(report.find('rivers/impl_rabbit.py'))
        self.assertIsNotNone(report.find('_drivers/impl_rabbit.py'))


class TestWrongReports(base.AuditTestCase):

    def error(self, name, text):
        path = self.write_file(name, text)
        exc = self.assertRaises(_model.AuditError,
                                _coverage.read_report, path)
        self.assertTrue(str(exc).startswith('--coverage %s: ' % path),
                        str(exc))
        self.assertEqual(1, len(str(exc).splitlines()))
        return str(exc)

    def test_other_xml(self):
        self.assertIn('not Cobertura', self.error(
            'junit.xml', '<testsuite><testcase/></testsuite>'))

    def test_broken_xml(self):
        self.assertIn('not well-formed XML',
                      self.error('c.xml', '<coverage><packages>'))

    def test_other_json(self):
        self.assertIn("not a coverage JSON report",
                      self.error('c.json', '{"tests": []}'))

    def test_text_report(self):
        self.assertIn('neither Cobertura XML nor coverage JSON', self.error(
            'c.txt', 'Name  Stmts  Miss  Cover\nTOTAL 10 2 80%\n'))

    def test_missing_file(self):
        exc = self.assertRaises(exception.InputFileError,
                                _coverage.read_report,
                                '/nonexistent/coverage.xml')
        self.assertEqual('--coverage /nonexistent/coverage.xml: no such file',
                         str(exc))

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
"""The oslo.upgradecheck check and its documented example."""

import importlib.metadata
import io
import json
import os
import subprocess
import sys

import fixtures
from oslo_config import cfg
from oslo_upgradecheck import upgradecheck

from oslo_messaging_support.engine import support
from oslo_messaging_support import fixture as support_fixture
from oslo_messaging_support import upgradecheck as messaging_check
from tests import base
from tests import fixtures_support

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
EXAMPLE = os.path.join(ROOT, 'doc', 'source', 'user',
                       'upgrade_check_example.py')
FIXTURES = os.path.join(ROOT, 'tests', 'unit', 'cmd', 'fixtures')


def _run(*argv, path=None):
    env = dict(os.environ, PYTHONWARNINGS='ignore')
    if path:
        env['PYTHONPATH'] = os.pathsep.join(
            [path] + [item for item in [os.environ.get('PYTHONPATH')]
                      if item])
    return subprocess.run([sys.executable] + list(argv),
                          capture_output=True, text=True, env=env,
                          timeout=120, cwd=ROOT)


class TestExample(base.TestCase):
    """``upgrade_check_example.py``, as the docs show it, really runs."""

    def run_example(self, conf_file, path=None):
        process = _run(EXAMPLE, '--config-file', conf_file, 'upgrade',
                       'check', '--json', path=path)
        self.assertNotIn('Traceback', process.stdout + process.stderr)
        result = json.loads(process.stdout)
        self.assertEqual(['Messaging drivers'],
                         [item['check'] for item in result['checks']])
        return process.returncode, result['checks'][0]

    def test_rabbit_success(self):
        status, check = self.run_example(
            os.path.join(FIXTURES, 'rabbit.conf'))
        self.assertEqual(int(upgradecheck.Code.SUCCESS), status)
        self.assertEqual(upgradecheck.Code.SUCCESS, check['result'])
        # Even a success says what it judged against.
        # the example runs as a service would: at the installed release
        installed = importlib.metadata.version('oslo.messaging')
        series = support.POLICY.calendar.map_version(installed).series
        self.assertIn('Evaluated at %s' % series.name, check['details'])
        self.assertIn('oslo.messaging %s' % installed, check['details'])

    def test_amqp_at_dalmatian_is_refused_as_the_service_would(self):
        """evaluation_release behind the installed series: a failure.

        The service still refuses what its installed series refuses, and
        so does the check, never a warning.
        """
        base.skip_where_amqp_ships(self)
        path = self.install_driver('amqp', fixtures_support.AMQP_TARGET)
        status, check = self.run_example(
            os.path.join(FIXTURES, 'amqp.conf'), path)
        self.assertEqual(int(upgradecheck.Code.FAILURE), status)
        self.assertEqual(upgradecheck.Code.FAILURE, check['result'])
        self.assertIn('Evaluated at dalmatian (2024.2)', check['details'])
        self.assertIn('given by [oslo_messaging_support] '
                      'evaluation_release', check['details'])
        self.assertIn('amqp was removed from oslo.messaging in epoxy',
                      check['details'])
        # RPC and the notifications that fall back to it are told once.
        self.assertIn('for rpc and notifications', check['details'])
        self.assertNotIn('Pr0ton-Pw', check['details'])

    def test_removed_driver_failure(self):
        status, check = self.run_example(os.path.join(FIXTURES, 'zmq.conf'))
        self.assertEqual(int(upgradecheck.Code.FAILURE), status)
        self.assertEqual(upgradecheck.Code.FAILURE, check['result'])
        self.assertIn('zmq was removed from oslo.messaging in stein',
                      check['details'])
        # The notification transport, on rabbit, is fine.
        self.assertNotIn('rabbit://', check['details'])

    def test_table_output(self):
        """Without --json, oslo.upgradecheck's table."""
        process = _run(EXAMPLE, '--config-file',
                       os.path.join(FIXTURES, 'nova.conf'), 'upgrade',
                       'check', path=self.install_kafka_client())
        self.assertEqual(1, process.returncode, process.stderr)
        self.assertIn('Check: Messaging drivers', process.stdout)
        self.assertIn('Result: Warning', process.stdout)
        self.assertNotIn('K4fka-Pw', process.stdout)


class TestCheckFunction(base.TestCase):
    """``check_messaging_drivers`` called as oslo.upgradecheck calls it."""

    def conf(self, text):
        conf = cfg.ConfigOpts()
        conf(args=[], default_config_files=[self.write_file('svc.conf',
                                                            text)])
        return conf

    def test_upgrade_commands(self):
        """The one-line entry works in UpgradeCommands.check()."""
        conf = self.conf("""
            [DEFAULT]
            transport_url = kafka://u:Secret-Pw@k1:9092/
            """)

        class Checks(upgradecheck.UpgradeCommands):
            _upgrade_checks = (messaging_check.upgrade_check(conf),)

        stdout = io.StringIO()
        self.useFixture(fixtures.MonkeyPatch('sys.stdout', stdout))
        self.assertEqual(upgradecheck.Code.FAILURE, Checks().check())
        table = ' '.join(stdout.getvalue().replace('|', ' ').split())
        self.assertIn('kafka cannot carry RPC', table)
        self.assertNotIn('Secret-Pw', stdout.getvalue())

    def test_release_argument_over_configuration(self):
        self.install_driver('amqp', fixtures_support.AMQP_TARGET)
        conf = self.conf("""
            [DEFAULT]
            transport_url = amqp://u:Secret-Pw@h/
            [oslo_messaging_support]
            evaluation_release = 2024.2
            """)
        result = messaging_check.check_messaging_drivers(None, conf)
        self.assertIn('Evaluated at dalmatian (2024.2)', result.details)
        result = messaging_check.check_messaging_drivers(
            None, conf, release='epoxy')
        self.assertEqual(upgradecheck.Code.FAILURE, result.code)
        self.assertIn('Evaluated at epoxy (2025.1)', result.details)
        self.assertIn('given with the release argument of the upgrade '
                      'check', result.details)
        self.assertIn('removed from oslo.messaging in epoxy',
                      result.details)

    def test_allowed_but_not_installed_is_a_failure(self):
        """The service would fail to start: FAILURE, not WARNING."""
        conf = self.conf("""
            [DEFAULT]
            transport_url = foo://u:Secret-Pw@h/
            [oslo_messaging_support]
            allowed_drivers = foo
            """)
        result = messaging_check.check_messaging_drivers(None, conf)
        self.assertEqual(upgradecheck.Code.FAILURE, result.code)
        self.assertIn("No 'foo' driver is installed", result.details)
        self.assertIn('would fail to start', result.details)
        self.assertNotIn('Secret-Pw', result.details)
        self.install_driver('foo')
        result = messaging_check.check_messaging_drivers(None, conf)
        self.assertEqual(upgradecheck.Code.WARNING, result.code)

    def test_prospective_names_the_deadline(self):
        """At newton kafka is prospective: a warning with its deadline."""
        # A newton oslo.messaging: the service's own series is newton.
        self.useFixture(support_fixture.SupportPolicyFixture(
            installed_version='5.10.2'))
        self.install_kafka_client()
        conf = self.conf("""
            [oslo_messaging_notifications]
            transport_url = kafka://k1:9092/
            """)
        result = messaging_check.check_messaging_drivers(
            None, conf, release='newton')
        self.assertEqual(upgradecheck.Code.WARNING, result.code)
        self.assertIn('its compliance deadline is 2016-10-06, after which '
                      'its deprecation is due from ocata', result.details)

    def test_strict_mode(self):
        conf = self.conf("""
            [oslo_messaging_notifications]
            transport_url = kafka://k1:9092/
            [oslo_messaging_support]
            strict_mode = true
            """)
        result = messaging_check.check_messaging_drivers(None, conf)
        self.assertEqual(upgradecheck.Code.FAILURE, result.code)

    def test_bad_input_is_a_failure_not_a_traceback(self):
        conf = self.conf("""
            [DEFAULT]
            transport_url = rabbit://u:Secret-Pw@h:port/
            """)
        result = messaging_check.check_messaging_drivers(None, conf)
        self.assertEqual(upgradecheck.Code.FAILURE, result.code)
        self.assertIn('could not be checked', result.details)
        self.assertIn('[DEFAULT] transport_url', result.details)
        self.assertNotIn('Secret-Pw', result.details)
        self.assertEqual(1, len(result.details.splitlines()))

    def test_unknown_release(self):
        conf = self.conf('[DEFAULT]\n')
        result = messaging_check.check_messaging_drivers(
            None, conf, release='zebra')
        self.assertEqual(upgradecheck.Code.FAILURE, result.code)
        self.assertIn("unknown release series 'zebra'", result.details)

    def test_oslo_upgradecheck_is_imported_only_when_used(self):
        process = _run('-c', 'import sys; '
                       'import oslo_messaging_support.upgradecheck; '
                       'print("oslo_upgradecheck" in sys.modules)')
        self.assertEqual('False', process.stdout.strip(), process.stderr)

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

import json
import subprocess
import sys

from oslo_messaging_support import fixture as support_fixture
from tests import base
from tests import fixtures_support


class CliTestCase(base.CommandTestCase):
    """``list`` run in process, its JSON rows by name."""

    def rows(self, *argv):
        status, out, err = self.run_cli('list', '-f', 'json', *argv)
        self.assertEqual(0, status, err)
        return {row['Name']: row for row in json.loads(out)}


class ListTest(CliTestCase):
    """``oslo-messaging-support list``."""

    def test_columns(self):
        rows = self.rows('--release', '2024.2')
        self.assertEqual(
            ['Name', 'Tier', 'Compliance', 'Action', 'Deprecated In',
             'Removal In', 'Declared Removal', 'Deadline', 'Replacement',
             'Installed', 'Reason', 'Evaluated At'],
            list(rows['rabbit']))

    def test_dalmatian(self):
        """amqp deprecated since 2023.2, removal 2024.2; others removed."""
        rows = self.rows('--release', '2024.2')
        self.assertEqual('deprecated', rows['amqp']['Tier'])
        self.assertEqual('bobcat', rows['amqp']['Deprecated In'])
        self.assertEqual('dalmatian', rows['amqp']['Removal In'])
        # upstream named amqp's replacement only with its removal (epoxy)
        self.assertIsNone(rows['amqp']['Replacement'])
        for name in ('qpid', 'zmq', 'pika'):
            self.assertEqual('removed', rows[name]['Tier'], name)
            self.assertEqual('refuse', rows[name]['Action'], name)
        self.assertEqual('supported', rows['rabbit']['Tier'])
        self.assertEqual('load', rows['rabbit']['Action'])
        self.assertTrue(rows['rabbit']['Installed'])
        self.assertFalse(rows['qpid']['Installed'])
        self.assertEqual('2016-10-06', rows['kafka']['Deadline'])

    def test_epoxy_and_zed(self):
        self.assertEqual('removed',
                         self.rows('--release', '2025.1')['amqp']['Tier'])
        zed = self.rows('--release', 'zed')['amqp']
        self.assertEqual('supported', zed['Tier'])
        self.assertIsNone(zed['Deprecated In'])

    def test_series_past_the_table_by_id(self):
        overlay = self.write_file('overlay.yaml', """
            drivers:
              newcomer:
                entry_point: a.b:C
                usage: [rpc]
                lifecycle:
                  - {series: 2027.1, status: prospective, date: 2027-01-05}
            """)
        conf = self.write_file('svc.conf', """
            [oslo_messaging_support]
            manifest_overlay = %s
            """ % overlay)
        row = self.rows('--config-file', conf, '--release',
                        '2028.2')['newcomer']
        # Nothing is re-tiered: prospective, overdue since 2028.1 (the
        # deadline is the estimated release of 2027.2).
        self.assertEqual('prospective', row['Tier'])
        self.assertEqual('overdue', row['Compliance'])
        self.assertIsNone(row['Deprecated In'])
        self.assertIsNone(row['Removal In'])
        self.assertIn('its deprecation was due from 2028.1', row['Reason'])
        self.assertIn('newcomer goes from unsupported to prospective by the'
                      ' overlay at %s' % overlay, row['Reason'])

    def test_compliance_column(self):
        """Declared tier and required compliance side by side."""
        rows = self.rows('--release', 'dalmatian')
        self.assertEqual(
            {'rabbit': ('supported', 'unknown'),
             'fake': ('testing', 'test-only'),
             'kafka': ('prospective', 'overdue'),
             'qpid': ('removed', 'removed-early'),
             'zmq': ('removed', 'removed-early'),
             'pika': ('removed', 'removed'),
             'amqp': ('deprecated', 'removable')},
            {name: (rows[name]['Tier'], rows[name]['Compliance'])
             for name in ('rabbit', 'fake', 'kafka', 'qpid', 'zmq', 'pika',
                          'amqp')})
        self.assertEqual('load', rows['fake']['Action'])
        self.assertIsNone(rows['kafka']['Deprecated In'])
        self.assertEqual('2016-10-06', rows['kafka']['Deadline'])
        self.assertEqual(('liberty', 'mitaka'),
                         (rows['qpid']['Deprecated In'],
                          rows['qpid']['Removal In']))

    def test_far_future_date_is_one_error(self):
        """--date 9999-12-31 is an input error, not an OverflowError."""
        status, out, err = self.run_cli('list', '--date', '9999-12-31')
        self.assertEqual(255, status, err)
        self.assertIn('past the end of the release calendar', err)
        self.assertNotIn('Traceback', err)

    def test_overrides_from_config_file(self):
        conf = self.write_file('svc.conf', """
            [oslo_messaging_support]
            strict_mode = true
            allowed_drivers = kafka
            """)
        rows = self.rows('--config-file', conf, '--release', '2024.2')
        self.assertEqual('refuse', rows['amqp']['Action'])
        self.assertEqual('warn', rows['kafka']['Action'])

    def test_warning_filters_untouched(self):
        """Running the command in process leaves the filters as they were."""
        import warnings
        before = list(warnings.filters)
        self.rows('--release', 'epoxy')
        self.assertEqual(before, warnings.filters)

    def test_table(self):
        status, out, _ = self.run_cli('list', '--release', 'epoxy')
        self.assertEqual(0, status)
        self.assertIn('| Name', out)
        self.assertIn('| amqp', out)

    def test_unknown_series(self):
        status, out, err = self.run_cli('list', '--release', 'zebra')
        self.assertEqual(255, status)
        self.assertEqual('', out)
        self.assertEqual(1, len(err.strip().splitlines()), err)
        self.assertIn("'zebra'", err)

    def test_bad_date(self):
        status, _, err = self.run_cli('list', '--date', '2024-02-30')
        self.assertEqual(255, status)
        self.assertIn('2024-02-30', err)

    def test_missing_config_file(self):
        status, _, err = self.run_cli('list', '--config-file',
                                      '/nonexistent/nova.conf')
        self.assertEqual(255, status)
        self.assertIn('/nonexistent/nova.conf', err)

    def test_malformed_config_file(self):
        conf = self.write_file('bad.conf', '[oslo_messaging_support\nx=1\n')
        status, _, err = self.run_cli('list', '--config-file', conf)
        self.assertEqual(255, status)
        self.assertIn('bad.conf', err)
        self.assertNotIn('Traceback', err)


class ListSubprocessTest(base.TestCase):
    """The installed command, as an operator runs it."""

    def test_malformed_overlay(self):
        """One clear line on stderr, exit 2, no traceback."""
        overlay = self.write_file('overlay.yaml', """
            drivers:
              kafka:
                lifecycle:
                  - {series: mitaka, status: retired}
            """)
        conf = self.write_file('nova.conf', """
            [oslo_messaging_support]
            manifest_overlay = %s
            """ % overlay)
        result = subprocess.run(
            [sys.executable, '-m', 'oslo_messaging_support.cmd.main',
             'list', '--config-file', conf],
            capture_output=True, text=True, timeout=120)
        self.assertEqual(255, result.returncode, result.stderr)
        self.assertEqual('', result.stdout)
        lines = result.stderr.strip().splitlines()
        self.assertEqual(1, len(lines), result.stderr)
        self.assertIn('overlay.yaml:5', lines[0])
        self.assertIn("driver 'kafka'", lines[0])
        self.assertIn('lifecycle[0].status', lines[0])
        self.assertNotIn('Traceback', result.stderr)

    def test_embedded_default(self):
        """No config file and no broker: every driver with its tier."""
        result = subprocess.run(
            [sys.executable, '-m', 'oslo_messaging_support.cmd.main',
             'list', '-f', 'json'],
            capture_output=True, text=True, timeout=120)
        self.assertEqual(0, result.returncode, result.stderr)
        names = {row['Name'] for row in json.loads(result.stdout)}
        self.assertTrue({'rabbit', 'kombu', 'fake', 'kafka', 'qpid', 'zmq',
                         'pika', 'amqp'} <= names)
        self.assertEqual('', result.stderr)


class YamlOutputTest(CliTestCase):
    """The tier enums reach PyYAML's safe dumper as plain strings."""

    def test_list_and_check_as_yaml(self):
        base.skip_where_amqp_ships(self)
        status, out, err = self.run_cli('list', '--release', 'dalmatian',
                                        '-f', 'yaml')
        self.assertEqual(0, status, err)
        self.assertIn('Compliance: removable', out)
        # The genuine amqp driver of a dalmatian oslo.messaging, whose
        # module the oslo.messaging installed here no longer has.
        self.useFixture(support_fixture.SupportPolicyFixture(
            installed_version='14.9.3'))
        self.install_driver('amqp', fixtures_support.AMQP_TARGET)
        status, out, err = self.run_cli('check', '--url', 'amqp://h/',
                                        '--release', 'dalmatian', '-f',
                                        'yaml')
        self.assertEqual(2, status, err)
        self.assertIn('Tier: deprecated', out)
        self.assertIn('Installed: false', out)
        self.assertIn('Result: failure', out)

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
"""``oslo-messaging-support validate OVERLAY``: check a file before use."""

import os
import subprocess
import sys

from oslo_messaging_support.cmd import _common
from oslo_messaging_support.cmd import validate
from tests.unit.cmd import base

_EXAMPLES = os.path.join(
    os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__))))), 'doc', 'source', '_examples')


class TestValidate(base.CommandTestCase):

    def test_valid_overlay_lists_what_it_changes(self):
        path = self.write_file('overlay.yaml', """\
            drivers:
              fake:
                lifecycle:
                  - series: icehouse
                    status: testing
                  - series: epoxy
                    status: deprecated
              mydriver:
                entry_point: mydriver.impl:MyDriver
                usage: [rpc]
                lifecycle:
                  - series: epoxy
                    status: unsupported
            """)
        status, rows, err = self.run_json('validate', path)
        self.assertEqual(0, status, err)
        self.assertEqual(
            [{'Driver': 'fake', 'Change': 'changes', 'Keys': 'lifecycle'},
             {'Driver': 'mydriver', 'Change': 'adds',
              'Keys': 'entry_point, usage, lifecycle'}], rows)
        self.assertEqual('%s: a valid overlay\n' % path, err)

    def test_invalid_overlay_names_file_line_driver_field(self):
        path = self.write_file('overlay.yaml', """\
            # a distribution's overlay
            drivers:
              kafka:
                lifecycle:
                  - series: ocata
                    status: retired
            """)
        output = self.run_cli('validate', path)
        self.assertEqual(validate.EXIT_INVALID, output.status, output)
        self.assertEqual('', output.stdout)
        self.assertEqual(
            "oslo-messaging-support validate: error: %s:6: driver 'kafka',"
            " field 'lifecycle[0].status': 'retired' is not a status "
            "(expected one of supported, testing, prospective, deprecated,"
            " unsupported, removed)\n" % path, output.stderr)

    def test_new_driver_without_required_keys_is_invalid(self):
        path = self.write_file('overlay.yaml', """\
            drivers:
              mydriver:
                usage: [rpc]
            """)
        output = self.run_cli('validate', path)
        self.assertEqual(validate.EXIT_INVALID, output.status, output)
        self.assertIn("%s:3: driver 'mydriver', field 'entry_point': "
                      "missing key 'entry_point'" % path, output.stderr)

    def test_rules_beyond_the_yaml_schema_are_checked(self):
        """Series of the calendar, relations: what a service would refuse."""
        path = self.write_file('overlay.yaml', """\
            drivers:
              kafka:
                replacement: nosuchdriver
            """)
        output = self.run_cli('validate', path)
        self.assertEqual(validate.EXIT_INVALID, output.status, output)
        self.assertIn("%s:2: driver 'kafka', field 'replacement': "
                      "replacement 'nosuchdriver' is not a driver of the "
                      "manifest" % path, output.stderr)
        path = self.write_file('series.yaml', """\
            drivers:
              kafka:
                lifecycle:
                  - series: narnia
                    status: supported
            """)
        output = self.run_cli('validate', path)
        self.assertEqual(validate.EXIT_INVALID, output.status, output)
        self.assertIn("%s:4: driver 'kafka', field 'lifecycle[0].series'"
                      % path, output.stderr)
        self.assertIn('narnia', output.stderr)

    def test_not_yaml_is_invalid_with_its_line(self):
        path = self.write_file('overlay.yaml', 'drivers:\n  kafka: [\n')
        output = self.run_cli('validate', path)
        self.assertEqual(validate.EXIT_INVALID, output.status, output)
        self.assertIn('%s:3: not valid YAML' % path, output.stderr)

    def test_unreadable_file_is_bad_input(self):
        for path, problem in (
                (os.path.join(self.tempdir, 'missing.yaml'), 'no such file'),
                (self.tempdir, 'is a directory')):
            output = self.run_cli('validate', path)
            self.assertEqual(_common.EXIT_BAD_INPUT, output.status, output)
            self.assertEqual('', output.stdout)
            self.assertIn('overlay %s: ' % path, output.stderr)
            self.assertIn(problem, output.stderr)
            self.assertEqual(1, len(output.stderr.splitlines()))

    def test_missing_argument_is_a_usage_error(self):
        output = self.run_cli('validate')
        self.assertEqual(_common.EXIT_BAD_INPUT, output.status, output)
        self.assertIn('OVERLAY', output.stderr)

    def test_a_valid_overlay_is_what_a_service_loads(self):
        """validate agrees with the service's own reading of the file."""
        from oslo_messaging_support.engine import support
        for name in ('distro-overlay.yaml', 'prospective.yaml'):
            output = self.run_cli('validate',
                                  os.path.join(_EXAMPLES, name))
            self.assertEqual(0, output.status, output)
            support.POLICY.manifest(os.path.join(_EXAMPLES, name))
        output = self.run_cli(
            'validate', os.path.join(_EXAMPLES, 'broken-overlay.yaml'))
        self.assertEqual(validate.EXIT_INVALID, output.status, output)

    def test_installed_command(self):
        """The console script has the command (setup.cfg's entry point)."""
        path = os.path.join(_EXAMPLES, 'broken-overlay.yaml')
        result = subprocess.run(
            [sys.executable, '-c',
             'import sys; from oslo_messaging_support.cmd import main; '
             'sys.exit(main.main())', 'validate', path],
            capture_output=True, text=True, check=False)
        self.assertEqual(validate.EXIT_INVALID, result.returncode,
                         result.stderr)
        self.assertIn("broken-overlay.yaml:5: driver 'kafka'",
                      result.stderr)

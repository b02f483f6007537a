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
"""Errors echo bounded input: a short, escaped excerpt of what was given.

A 100,000-character value given on the command line, in a configuration
file, an overlay or a source tree gives a one-line error of a few hundred
characters that still says what was wrong and how long the value was;
never a 200 KB message, never Python's hint about
``sys.set_int_max_str_digits``.
"""

import os
import shutil

import oslo_messaging_support as oms
from oslo_messaging_support.cmd import _common
from oslo_messaging_support.engine import support
from oslo_messaging_support.engine import versions
from oslo_messaging_support import exception
from oslo_messaging_support.service import configuration
from tests import base
from tests.unit.audit import base as audit_base

#: The hostile values: 100,000 digits, letters, and digits of a series id.
DIGITS = '1' * 100000
LETTERS = 'x' * 100000
LONG_ID = '2025.' + '1' * 100000

#: How an excerpt ends: the value's length.
LENGTH = '(100000 characters)'

#: The longest message a quoted excerpt may give (the value's excerpt is
#: under 100 characters; the rest is the message's own text).
SHORT = 500

#: Python's advice to programmers, never shown to an operator.
PYTHON_HINT = 'set_int_max_str_digits'


class ExcerptTest(base.TestCase):
    """The one helper every echo goes through."""

    def test_short_values_are_only_escaped(self):
        self.assertEqual('epoxy', exception.excerpt('epoxy'))
        self.assertEqual('a\\nb\\x00', exception.excerpt('a\nb\x00'))

    def test_long_values_keep_their_ends_and_length(self):
        text = 'head' + 'x' * 100000 + 'tail'
        shown = exception.excerpt(text)
        self.assertLess(len(shown), 2 * exception.EXCERPT_CHARS)
        self.assertTrue(shown.startswith('headxxx'), shown)
        self.assertTrue(shown.endswith('xxtail (100008 characters)'), shown)

    def test_control_characters_stay_escaped_and_bounded(self):
        shown = exception.excerpt('\x1b[2J' * 50000)
        self.assertTrue(shown.isprintable())
        self.assertLess(len(shown), 4 * exception.EXCERPT_CHARS + 30)

    def test_a_huge_integer_is_described(self):
        shown = exception.excerpt(10 ** 100000)
        self.assertEqual('an integer of about 100000 digits', shown)


class CommandLineTest(base.CommandTestCase):
    """Every echo of the command line, each with a 100,000-char value."""

    def assertBoundedError(self, output, *fragments, limit=SHORT):
        """One short input-error line holding every fragment."""
        self.assertEqual(_common.EXIT_BAD_INPUT, output.status,
                         output.stderr[:2000])
        lines = output.stderr.splitlines()
        self.assertEqual(1, len(lines), output.stderr[:2000])
        self.assertLess(len(lines[0]), limit, lines[0][:2000])
        self.assertNotIn(PYTHON_HINT, lines[0])
        self.assertNotIn('Traceback', output.stderr)
        for fragment in fragments:
            self.assertIn(fragment, lines[0])

    def conf(self, text):
        return self.write_file('service.conf', text)

    def overlay(self, text):
        return self.write_file('overlay.yaml', text)

    def test_release_and_date(self):
        for command in ('list', 'check', 'schedule', 'audit'):
            # check needs something to read
            given = ('--url', 'rabbit://h/') if command == 'check' else ()
            for value in (DIGITS, LETTERS, LONG_ID, DIGITS + '.1'):
                output = self.run_cli(command, '--release', value, *given)
                self.assertBoundedError(
                    output, "unknown release series '111" if value[0] == '1'
                    else "unknown release series '", 'characters)')
            output = self.run_cli(command, '--date', DIGITS, *given)
            self.assertBoundedError(output, "date '1111", LENGTH,
                                    'is not a date')

    def test_driver_names(self):
        output = self.run_cli('audit', '--driver', LETTERS)
        self.assertBoundedError(output, "'xxxx", LENGTH,
                                'is not a driver of the manifest')
        output = self.run_cli('schedule', '--driver', LETTERS)
        self.assertBoundedError(output, "--driver: 'xxxx", LENGTH,
                                'is not a driver of the manifest')

    def test_paths(self):
        for argv in (('list', '--config-file'), ('list', '--config-dir'),
                     ('audit', '--source'), ('audit', '--coverage'),
                     ('schedule', '--manifest-overlay')):
            output = self.run_cli(*(argv + (LETTERS,)))
            self.assertBoundedError(output, LENGTH)

    def test_columns_and_commands(self):
        output = self.run_cli('list', '-c', LETTERS)
        self.assertBoundedError(output, "unknown column 'xxxx", LENGTH)
        output = self.run_cli(LETTERS)
        self.assertBoundedError(output, "unknown command 'xxxx", LENGTH)

    def test_what_argparse_says(self):
        """argparse composes these: the line is bounded as a whole."""
        limit = _common.MAX_ERROR_CHARS + 100
        for argv in (('list', '-f', LETTERS), ('list', LETTERS),
                     ('list', '--' + LETTERS)):
            output = self.run_cli(*argv)
            self.assertBoundedError(output, 'characters)', limit=limit)

    def test_evaluation_release_in_the_configuration(self):
        for value in (DIGITS, LETTERS):
            path = self.conf('[oslo_messaging_support]\n'
                             'evaluation_release = %s\n' % value)
            for command in ('list', 'check', 'schedule', 'audit'):
                output = self.run_cli(command, '--config-file', path)
                self.assertBoundedError(output, 'unknown release series',
                                        LENGTH)

    def test_what_oslo_config_says(self):
        """oslo.config quotes the file's text: it is not relayed."""
        limit = _common.MAX_ERROR_CHARS + 100
        for text in ('[oslo_messaging_support]\n'
                     'allow_unsupported_drivers = %s\n' % LETTERS,
                     '[DEFAULT]\n  %s\n' % LETTERS):
            output = self.run_cli('list', '--config-file', self.conf(text))
            self.assertBoundedError(output, 'configuration', limit=limit)
            self.assertNotIn('xxxx', output.stderr)

    def test_overlay_values(self):
        """Each field of an overlay that quotes its value, 100,000 long."""
        lifecycle = 'drivers:\n  rabbit:\n    lifecycle:\n    - %s\n'
        cases = [
            ('drivers:\n  rabbit:\n    entry_point: %s\n' % LETTERS,
             "field 'entry_point': 'xxxx"),
            (lifecycle % '{series: "%s", status: supported}' % LETTERS,
             "unknown release series 'xxxx"),
            (lifecycle % '{series: "%s", status: supported}' % LONG_ID,
             "unknown release series '2025.111"),
            (lifecycle % '{series: %s.5, status: supported}' % DIGITS,
             "unknown release series '1111"),
            (lifecycle % '{series: epoxy, status: %s}' % LETTERS,
             "field 'lifecycle[0].status': 'xxxx"),
            (lifecycle % '{series: epoxy, status: supported, date: "%s"}'
             % DIGITS, "date '1111"),
            ('drivers:\n  rabbit:\n    replacement: %s\n' % LETTERS,
             "replacement 'xxxx"),
            ('drivers:\n  rabbit:\n    usage: [%s]\n' % LETTERS,
             "field 'usage': 'xxxx"),
            ('drivers:\n  rabbit:\n    evidence:\n      coverage: '
             '{result: %s}\n' % LETTERS, "'evidence.coverage.result': 'xxx"),
            # A key longer than 1024 characters is written after '? '.
            ('drivers:\n  rabbit:\n    ? %s\n    : 1\n' % LETTERS,
             "unknown key 'xxxx"),
            ('drivers:\n  ? %s\n  : {usage: [rpc]}\n' % ('x+' * 50000),
             "'x+x+"),
            ('drivers:\n  rabbit:\n    aliases: [kombu]\n'
             '  ? %s\n  : {aliases: [kombu]}\n' % LETTERS,
             "driver 'xxxx"),
            ('drivers: !%s 1\n' % LETTERS, "tag '!xxxx"),
        ]
        for text, fragment in cases:
            output = self.run_cli('schedule', '--manifest-overlay',
                                  self.overlay(text))
            self.assertBoundedError(output, 'overlay.yaml:', fragment)

    def test_unquoted_huge_numbers_in_an_overlay(self):
        """Not Python's integer-conversion hint: the file's own line."""
        lifecycle = 'drivers:\n  rabbit:\n    lifecycle:\n    - %s\n'
        for text in (
                lifecycle % '{series: %s, status: supported}' % DIGITS,
                lifecycle % '{series: epoxy, status: supported, date: %s}'
                % DIGITS,
                'evidence_release: %s\ndrivers: {}\n' % DIGITS):
            output = self.run_cli('schedule', '--manifest-overlay',
                                  self.overlay(text))
            self.assertBoundedError(output, 'overlay.yaml:',
                                    'an integer of 100000 digits')

    def test_zuul_job_names(self):
        tree = os.path.join(self.tempdir, 'tree')
        shutil.copytree(audit_base.SDIST, tree, symlinks=True)
        for text in (
                '- job:\n    name: %s\n    voting: maybe\n' % LETTERS,
                '- job:\n    name: %s\n    parent: [a]\n' % LETTERS,
                '- job:\n    name: %s\n    vars: [1]\n' % LETTERS,
                '- job:\n    name: a\n    vars:\n      devstack_services:\n'
                '        %s: maybe\n' % ('x' * 1000),
                '- project:\n    check:\n      jobs:\n'
                '        - %s: {voting: maybe}\n' % ('x' * 1000)):
            with open(os.path.join(tree, '.zuul.yaml'), 'w') as stream:
                stream.write(text)
            output = self.run_cli('audit', '--source', tree)
            self.assertBoundedError(output, '.zuul.yaml:',
                                    'characters)')


class LibraryTest(base.ServiceConfTestCase):
    """The same values reaching a service or the library's API."""

    def test_evaluation_release_in_a_service(self):
        self.set('evaluation_release', DIGITS)
        error = self.assertRaises(exception.CalendarError,
                                  oms.get_rpc_transport, self.conf,
                                  'fake://')
        self.assertLess(len(str(error)), SHORT)
        self.assertIn('evaluation_release = 1111', str(error))
        self.assertIn(LENGTH, str(error))

    def test_release_point(self):
        for value in (DIGITS, LETTERS, LONG_ID):
            error = self.assertRaises(
                exception.CalendarError, configuration.release_point,
                support.POLICY, value)
            self.assertLess(len(str(error)), SHORT)

    def test_an_overlay_in_a_service(self):
        path = self.write_file('overlay.yaml', (
            'drivers:\n  rabbit:\n    lifecycle:\n'
            '    - {series: epoxy, status: %s}\n' % LETTERS))
        self.set('manifest_overlay', path)
        error = self.assertRaises(exception.ManifestError,
                                  oms.get_rpc_transport, self.conf,
                                  'fake://')
        self.assertLess(len(str(error)), SHORT)
        self.assertIn(LENGTH, str(error))

    def test_a_long_scheme_in_a_service(self):
        """A driver no manifest knows is refused in a short sentence."""
        error = self.assertRaises(oms.UnsupportedDriver,
                                  oms.get_rpc_transport, self.conf,
                                  LETTERS + '://host/')
        self.assertIn("transport driver 'xxxx", str(error))
        self.assertIn(LENGTH, str(error))
        for text in (error.decision.reason, error.decision.hint):
            self.assertLess(len(text), SHORT)
            self.assertNotIn('x' * 100, text)

    def test_versions(self):
        for text in (DIGITS + '.0.0', '1.' + DIGITS, 'v1.2.' + DIGITS,
                     LETTERS):
            error = self.assertRaises(exception.CalendarError,
                                      versions.parse_version, text)
            self.assertLess(len(str(error)), SHORT)
            self.assertNotIn(PYTHON_HINT, str(error))

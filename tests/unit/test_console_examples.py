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
"""The operator guide's console sessions run as an operator types them.

The pages show each command with ``command-output`` (sphinxcontrib-
programoutput): the documentation build runs it and prints its output and
exit status, so the text cannot drift.  These tests run every such command
of the pages in its working directory (the command line in process, the
example program as a process), check the exit status the page declares
(a build fails on another one), and that the operator pages show the
command line, never the Python that runs it.
"""

import os
import re
import shlex
import subprocess
import sys

from tests import base

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
SOURCE = os.path.join(ROOT, 'doc', 'source')
#: The pages operators read.
OPERATOR_PAGES = ('admin', 'cli')

_DIRECTIVE = re.compile(
    r'^\.\. command-output:: (?P<command>.+)\n(?P<options>(?:   :.*\n)*)',
    re.MULTILINE)


def pages():
    """Every page of the documentation: ``{relative path: text}``."""
    found = {}
    for root, _dirs, files in os.walk(SOURCE):
        for name in files:
            if name.endswith('.rst'):
                path = os.path.join(root, name)
                with open(path, encoding='utf-8') as stream:
                    found[os.path.relpath(path, SOURCE)] = stream.read()
    return found


def console_examples():
    """``(page, command, working directory, expected status, stderr)``."""
    examples = []
    for page, text in sorted(pages().items()):
        for match in _DIRECTIVE.finditer(text):
            options = dict(
                re.match(r'   :([\w-]+):\s*(.*)', line).groups()
                for line in match.group('options').splitlines())
            cwd = options.get('cwd', '/')
            if cwd.startswith('/'):
                cwd = os.path.join(SOURCE, cwd.lstrip('/'))
            else:
                cwd = os.path.join(SOURCE, os.path.dirname(page), cwd)
            examples.append((page, match.group('command'),
                             os.path.normpath(cwd),
                             int(options.get('returncode', 0)),
                             'nostderr' not in options))
    return examples


class TestConsoleExamples(base.CommandTestCase):

    EVALUATE_AS_INSTALLED = True

    def run_example(self, command, cwd):
        """The command line run in process, in its working directory."""
        argv = shlex.split(command)
        self.assertEqual('oslo-messaging-support', argv[0])
        self.addCleanup(os.chdir, os.getcwd())
        os.chdir(cwd)
        return self.run_cli(*argv[1:])

    def test_operator_guide_has_console_sessions(self):
        examples = console_examples()
        shown = {page for page, *_ in examples}
        for page in ('admin/choices.rst', 'admin/tiers.rst',
                     'admin/upgrade-check.rst'):
            self.assertIn(page, shown)
        for page, command, cwd, _status, _stderr in examples:
            self.assertTrue(os.path.isdir(cwd), (page, cwd))
            self.assertRegex(command, r'^(oslo-messaging-support|python3) ')

    def test_operator_pages_show_no_python_for_commands(self):
        for page, text in pages().items():
            if page.split(os.sep)[0] not in OPERATOR_PAGES:
                continue
            self.assertNotIn('import main', text, page)
            self.assertNotIn('>>> main(', text, page)
            self.assertNotIn('>>> check(', text, page)

    def test_every_console_example_exits_as_the_page_says(self):
        """What the build runs, with the status its page declares."""
        for page, command, cwd, status, stderr in console_examples():
            if not command.startswith('oslo-messaging-support '):
                continue  # the example program: see the next test
            result = self.run_example(command, cwd)
            self.assertEqual(status, result.status,
                             '%s: %s\n%s%s' % (page, command, result.stdout,
                                               result.stderr))
            self.assertTrue(result.stdout or result.stderr, command)
            self.assertNotIn('Traceback', result.stderr, command)
            # A password of an example file never reaches the page.
            self.assertNotIn('secret', result.stdout + result.stderr)

    def test_upgrade_check_example_program(self):
        (example,) = [item for item in console_examples()
                      if item[1].startswith('python3 ')]
        page, command, cwd, status, _stderr = example
        argv = shlex.split(command)
        argv[0] = sys.executable
        result = subprocess.run(argv, cwd=cwd, capture_output=True,
                                text=True, check=False, timeout=120)
        self.assertEqual(status, result.returncode, result.stderr)
        self.assertIn('Check: Messaging drivers', result.stdout)
        self.assertIn('Result: Warning', result.stdout)

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
"""Every file input of the command line is checked before it is read.

A FIFO would block a reader forever and ``/dev/zero`` never ends: each test
runs under a timeout, so that a hang fails the test instead of blocking the
run.
"""

import json
import os
import shutil

import fixtures

from tests.unit.audit import base as audit_base
from tests.unit.cmd import base

#: Seconds before a test that hangs on an input is failed.
TIMEOUT = 60


class InputTestCase(base.CommandTestCase):
    """Hostile files made in the test's temporary directory."""

    def setUp(self):
        super().setUp()
        self.useFixture(fixtures.Timeout(TIMEOUT, gentle=True))

    def fifo(self, name='fifo.conf'):
        path = os.path.join(self.tempdir, name)
        os.mkfifo(path)
        return path

    def symlink_loop(self, name='loop.conf'):
        path = os.path.join(self.tempdir, name)
        os.symlink(path, path)
        return path

    def zero_link(self, name='zero.conf'):
        path = os.path.join(self.tempdir, name)
        os.symlink('/dev/zero', path)
        return path

    def hostile(self):
        """``(description, path, words of the error)`` for every kind."""
        return [
            ('directory', self.tempdir, 'is a directory'),
            ('empty name', '', 'no such file'),
            ('symlink loop', self.symlink_loop(), 'cannot be opened'),
            ('FIFO', self.fifo(), 'not a regular file'),
            ('/dev/zero', '/dev/zero', 'not a regular file'),
            ('link to /dev/zero', self.zero_link(), 'not a regular file'),
        ]

    def sdist(self):
        """A copy of the oslo.messaging excerpt to spoil."""
        tree = os.path.join(self.tempdir, 'tree')
        shutil.copytree(audit_base.SDIST, tree, symlinks=True)
        return tree


class TestConfigFiles(InputTestCase):

    def test_config_file(self):
        inputs = self.hostile()
        for command in ('list', 'check', 'schedule', 'audit'):
            for kind, path, words in inputs:
                output = self.run_cli(command, '--config-file', path)
                self.assertOneLineError(output, '--config-file', words)
                if path:
                    self.assertIn(path, output.stderr, kind)

    def test_file_in_config_dir(self):
        directory = os.path.join(self.tempdir, 'conf.d')
        os.mkdir(directory)
        for make in (self.fifo, self.symlink_loop, self.zero_link):
            path = make(os.path.join('conf.d', '10-bad.conf'))
            output = self.run_cli('check', '--config-dir', directory)
            self.assertOneLineError(output, '--config-dir', path)
            os.unlink(path)

    def test_config_dir_that_is_not_a_directory(self):
        for path in ('', self.fifo('a-fifo'), '/nonexistent'):
            output = self.run_cli('list', '--config-dir', path)
            self.assertOneLineError(output, '--config-dir',
                                    'not a directory')

    def test_non_utf8_config_file_names_the_file(self):
        path = os.path.join(self.tempdir, 'latin1.conf')
        with open(path, 'wb') as stream:
            stream.write(b'[DEFAULT]\n# caf\xe9\ntransport_url = fake://\n')
        output = self.run_cli('check', '--config-file', path)
        self.assertOneLineError(output, path + ':2', 'not UTF-8')

    def test_control_characters_in_a_file_name(self):
        output = self.run_cli('list', '--config-file', 'a\nb.conf')
        self.assertOneLineError(output, 'a\\nb.conf')


class TestCoverage(InputTestCase):

    def test_hostile_coverage_file(self):
        for kind, path, words in self.hostile():
            output = self.run_cli('audit', '--coverage', path)
            self.assertOneLineError(output, '--coverage', words)

    def report(self, text):
        return self.write_file('coverage.json', text)

    def test_deep_json(self):
        path = self.report('[' * 100000 + ']' * 100000)
        self.assertOneLineError(self.run_cli('audit', '--coverage', path),
                                path, 'nested deeper')

    def test_infinite_statement_count(self):
        for number in ('Infinity', 'NaN', '-Infinity'):
            path = self.report(
                '{"meta": {}, "files": {"x.py": {"summary": '
                '{"num_statements": %s, "covered_lines": 1}}}}' % number)
            self.assertOneLineError(
                self.run_cli('audit', '--coverage', path), path, number)

    def test_statement_counts_of_the_wrong_type(self):
        for value in ('1e999', '"12"', 'true', '-1', '2.5', '[]'):
            path = self.report(
                '{"meta": {}, "files": {"x.py": {"summary": '
                '{"num_statements": %s, "covered_lines": 1}}}}' % value)
            self.assertOneLineError(
                self.run_cli('audit', '--coverage', path), path,
                'summary.num_statements')

    def test_a_good_report_still_reads(self):
        path = self.report(json.dumps({'meta': {}, 'files': {
            'oslo_messaging/_drivers/impl_rabbit.py': {
                'summary': {'num_statements': 10, 'covered_lines': 7}}}}))
        output = self.run_cli('audit', '--coverage', path, '-f', 'json')
        self.assertEqual(0, output.status, output.stderr)


class TestSourceTree(InputTestCase):

    def spoil(self, relative, make):
        tree = self.sdist()
        path = os.path.join(tree, relative)
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path)
        elif os.path.lexists(path):
            os.unlink(path)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        make(path)
        return tree, path

    def test_hostile_files_in_the_tree(self):
        makers = (os.mkfifo, lambda path: os.symlink('/dev/zero', path),
                  lambda path: os.symlink(path, path))
        for relative in ('PKG-INFO', 'pyproject.toml', 'tox.ini',
                         os.path.join('zuul.d', 'project.yaml'),
                         os.path.join('doc', 'source', 'admin',
                                      'rabbit.rst'),
                         '.stestr.conf'):
            for make in makers:
                tree, path = self.spoil(relative, make)
                output = self.run_cli('audit', '--source', tree)
                self.assertOneLineError(output, '--source file', path)
                shutil.rmtree(tree)

    def test_source_that_is_not_a_directory(self):
        for path in ('', self.fifo('tree'), '/dev/zero'):
            output = self.run_cli('audit', '--source', path)
            self.assertOneLineError(output, '--source', 'not a directory')

    def test_pyproject_fields_of_the_wrong_type(self):
        cases = (
            ('project = "x"', "field project "),
            ('[project]\nclassifiers = "Python"', 'project.classifiers'),
            ('[project]\nclassifiers = [1, 2]', 'project.classifiers'),
            ('[project]\nrequires-python = 3.10', 'requires-python'),
            ('[project]\nentry-points = 1', 'project.entry-points'),
            ('[project.entry-points."oslo.messaging.drivers"]\nrabbit = 1',
             'oslo.messaging.drivers'),
        )
        for text, words in cases:
            tree, path = self.spoil(
                'pyproject.toml',
                lambda path: open(path, 'w').write(text))
            output = self.run_cli('audit', '--source', tree)
            self.assertOneLineError(output, path, words)
            shutil.rmtree(tree)

    def test_deep_pyproject(self):
        tree, path = self.spoil(
            'pyproject.toml',
            lambda path: open(path, 'w').write(
                'x = ' + '[' * 5000 + ']' * 5000 + '\n'))
        self.assertOneLineError(self.run_cli('audit', '--source', tree),
                                path, 'nested deeper')

    def test_zuul_fields_of_the_wrong_type(self):
        cases = (
            ('devstack_services: [a]', 'vars.devstack_services'),
            ('devstack_services: {rabbit: maybe}',
             'vars.devstack_services.rabbit'),
            ('devstack_plugins: [a]', 'vars.devstack_plugins'),
            ('tox_envlist: [py3]', 'vars.tox_envlist'),
        )
        for variables, words in cases:
            text = ('- job:\n    name: bad-job\n    parent: devstack\n'
                    '    vars:\n      %s\n'
                    '- project:\n    check:\n      jobs:\n        - bad-job\n'
                    % variables)
            tree, path = self.spoil(
                os.path.join('zuul.d', 'project.yaml'),
                lambda path: open(path, 'w').write(text))
            output = self.run_cli('audit', '--source', tree)
            self.assertOneLineError(output, path + ':5', 'bad-job', words)
            shutil.rmtree(tree)

    def test_deep_zuul_yaml(self):
        tree, path = self.spoil(
            os.path.join('zuul.d', 'project.yaml'),
            lambda path: open(path, 'w').write('[' * 2000 + ']' * 2000))
        output = self.run_cli('audit', '--source', tree)
        self.assertOneLineError(output, path)

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
"""``audit`` on hostile source trees and reports: bounded and confined.

Each input here took the audit hours, a RecursionError, a walk of the
whole filesystem or a nonsense verdict before.  The tests run the real
command line under a timeout, so that work out of proportion to the input
fails the test instead of blocking the run; no test measures time.
"""

import os
import shutil

import fixtures

from oslo_messaging_support.audit import _modules
from oslo_messaging_support.cmd import _common
from tests.unit.audit import base

#: Seconds before a test whose input makes the audit run away is failed;
#: each test here needs a small part of it.
TIMEOUT = 120


class BoundsTestCase(base.AuditTestCase):
    """Hostile copies of the oslo.messaging excerpt, under a timeout."""

    def setUp(self):
        super().setUp()
        self.useFixture(fixtures.Timeout(TIMEOUT, gentle=True))

    def sdist(self):
        """A copy of the oslo.messaging excerpt to spoil."""
        tree = os.path.join(self.tempdir, 'tree')
        shutil.copytree(base.SDIST, tree, symlinks=True)
        return tree

    def assertInputError(self, output, *fragments):
        """The input error's status and one bounded line with fragments."""
        self.assertEqual(_common.EXIT_BAD_INPUT, output.status, output)
        self.assertEqual('', output.stdout)
        lines = output.stderr.splitlines()
        self.assertEqual(1, len(lines), output.stderr[:2000])
        self.assertNotIn('Traceback', output.stderr)
        self.assertLess(len(lines[0]), 1000, lines[0][:2000])
        for fragment in fragments:
            self.assertIn(fragment, lines[0])

    def findings(self, data, driver):
        """``{criterion: finding}`` of one driver in ``-f json`` output."""
        for item in data:
            if item['Driver'] == driver:
                return {finding['Criterion']: finding
                        for finding in item['Findings']}
        self.fail('no audit of %s in the output' % driver)


class TestChainedJobs(BoundsTestCase):

    def write_chain(self, tree, count):
        """``count`` jobs, each the parent of the next, all in check.

        The first inherits devstack (RabbitMQ) and the last also runs in
        the gate: only a resolution through every job finds that the last
        one is a voting devstack job of rabbit.
        """
        jobs = ['- job: {name: chained-0, parent: devstack-tempest}\n']
        jobs.extend('- job: {name: chained-%d, parent: chained-%d}\n'
                    % (index, index - 1) for index in range(1, count))
        check = ''.join('      - chained-%d\n' % index
                        for index in range(count))
        project = ('- project:\n    check:\n      jobs:\n%s'
                   '    gate:\n      jobs:\n      - chained-%d\n'
                   % (check, count - 1))
        with open(os.path.join(tree, '.zuul.yaml'), 'w') as stream:
            stream.write(''.join(jobs) + project)

    def test_ten_thousand_chained_jobs(self):
        """Inheritance is resolved once per job, not once per descendant."""
        tree = self.sdist()
        self.write_chain(tree, 10000)
        status, data, stderr = self.run_json('audit', '--source', tree,
                                             '--driver', 'rabbit')
        self.assertNotIn('error', stderr)
        found = self.findings(data, 'rabbit')
        self.assertEqual('pass', found['gate_voting']['Result'])
        self.assertIn('chained-9999', found['gate_voting']['Evidence'])
        self.assertEqual('pass', found['integration']['Result'])

    def test_a_long_cycle_is_one_short_line(self):
        tree = self.sdist()
        count = 5000
        jobs = ''.join('- job: {name: cycle-%d, parent: cycle-%d}\n'
                       % (index, (index + 1) % count)
                       for index in range(count))
        with open(os.path.join(tree, '.zuul.yaml'), 'w') as stream:
            stream.write(jobs + '- project:\n    check:\n      jobs:\n'
                         '      - cycle-0\n')
        output = self.run_cli('audit', '--source', tree)
        self.assertInputError(output, 'job cycle-0: its parents form a '
                              'cycle (cycle-0 -> cycle-1 -> ')

    def test_inherited_values_are_bounded(self):
        """Children that each copy a large inherited mapping are refused."""
        tree = self.sdist()
        services = ''.join('      s%d: true\n' % index
                           for index in range(5000))
        children = ''.join(
            '- job:\n    name: child-%d\n    parent: big\n    vars:\n'
            '      devstack_services: {rabbit: true}\n' % index
            for index in range(250))
        check = ''.join('      - child-%d\n' % index for index in range(250))
        with open(os.path.join(tree, '.zuul.yaml'), 'w') as stream:
            stream.write('- job:\n    name: big\n    parent: devstack\n'
                         '    vars:\n      devstack_services:\n'
                         '%s%s- project:\n    check:\n      jobs:\n%s'
                         % (services.replace('      ', '        '),
                            children, check))
        output = self.run_cli('audit', '--source', tree)
        self.assertInputError(output, "inheritance copies more than")


class TestConfinedTree(BoundsTestCase):
    """The audit reads the --source tree and nothing outside it."""

    def outside(self, name, text='outside the tree\n'):
        """A file next to the tree, not in it."""
        path = os.path.join(self.tempdir, name)
        with open(path, 'w') as stream:
            stream.write(text)
        return path

    def replace(self, path, target):
        """Make ``path`` (a file or a directory) a symlink to ``target``."""
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path)
        elif os.path.lexists(path):
            os.remove(path)
        os.symlink(target, path)

    @staticmethod
    def remove_nested(top):
        """Remove the chain of ``d`` directories under ``top``."""
        deep = top
        while os.path.isdir(os.path.join(deep, 'd')):
            deep = os.path.join(deep, 'd')
        while deep != top:
            for name in os.listdir(deep):
                os.remove(os.path.join(deep, name))
            os.rmdir(deep)
            deep = os.path.dirname(deep)

    def test_thousand_nested_directories(self):
        """A deep test directory is walked without recursion, entirely."""
        tree = self.sdist()
        kafka = os.path.join(tree, 'oslo_messaging', 'tests', 'drivers',
                             'test_impl_kafka.py')
        deep = os.path.join(tree, 'oslo_messaging', 'tests')
        # os.makedirs and shutil.rmtree would recurse as deep.
        self.addCleanup(self.remove_nested, deep)
        for _ in range(1000):
            deep = os.path.join(deep, 'd')
            os.mkdir(deep)
        os.rename(kafka, os.path.join(deep, 'test_impl_kafka.py'))
        status, data, stderr = self.run_json('audit', '--source', tree,
                                             '--driver', 'kafka')
        self.assertNotIn('error', stderr)
        evidence = self.findings(data, 'kafka')['unit_tests']['Evidence']
        self.assertIn('oslo_messaging/tests/%s/test_impl_kafka.py'
                      % '/'.join(['d'] * 1000), evidence)

    def test_test_path_outside_the_tree(self):
        for test_path in ('/', '../', '../../..'):
            tree = self.sdist()
            with open(os.path.join(tree, '.stestr.conf'), 'w') as stream:
                stream.write('[DEFAULT]\ntest_path=%s\n' % test_path)
            output = self.run_cli('audit', '--source', tree)
            self.assertInputError(output, 'leads outside the source tree')
            shutil.rmtree(tree)

    def test_doc_source_symlink_to_the_root(self):
        tree = self.sdist()
        self.replace(os.path.join(tree, 'doc', 'source'), '/')
        output = self.run_cli('audit', '--source', tree)
        self.assertInputError(output, 'doc/source: leads outside the '
                              'source tree')

    def test_files_linked_outside_the_tree(self):
        """A symlink out of the tree is refused wherever the audit reads."""
        outside_dir = os.path.join(self.tempdir, 'outside.d')
        os.makedirs(outside_dir)
        script = self.outside('setup.sh', 'case $SCENARIO in\n'
                              'scenario01)\n'
                              '  export RPC=rabbit://u:p@h/\n;;\nesac\n')
        cases = [
            ('PKG-INFO', self.outside('PKG-INFO',
                                      'Name: x\nVersion: 1.0.0\n')),
            ('pyproject.toml', self.outside('pyproject.toml',
                                            '[project]\nname = "x"\n')),
            ('.stestr.conf', self.outside('stestr.conf', '[DEFAULT]\n')),
            ('.zuul.yaml', self.outside('zuul.yaml', '[]\n')),
            ('tox.ini', self.outside('tox.ini', '[testenv]\n')),
            ('tools/setup-scenario-env.sh', script),
            ('oslo_messaging/_drivers/impl_rabbit.py',
             self.outside('impl.py', 'import os\n')),
            ('oslo_messaging/_drivers/kafka_driver', outside_dir),
            ('oslo_messaging', outside_dir),
        ]
        for name, target in cases:
            tree = self.sdist()
            link = os.path.join(tree, *name.split('/'))
            self.replace(link, target)
            output = self.run_cli('audit', '--source', tree)
            self.assertInputError(output, name,
                                  'leads outside the source tree')
            shutil.rmtree(tree)

    def test_zuul_d_linked_outside_the_tree(self):
        tree = self.sdist()
        outside_dir = os.path.join(self.tempdir, 'zuul.d')
        os.makedirs(outside_dir)
        self.outside(os.path.join('zuul.d', 'jobs.yaml'), '[]\n')
        os.remove(os.path.join(tree, '.zuul.yaml'))
        os.symlink(outside_dir, os.path.join(tree, 'zuul.d'))
        output = self.run_cli('audit', '--source', tree)
        self.assertInputError(output, 'zuul.d: leads outside the source '
                              'tree')

    def test_tox_script_path_outside_the_tree(self):
        """A script named by tox.ini commands may not leave the tree."""
        self.outside('setup.sh', 'case $SCENARIO in\nscenario01)\n'
                     '  export RPC=kafka://h/\n;;\nesac\n')
        for script in ('{toxinidir}/../setup.sh', '%s/setup.sh'
                       % self.tempdir):
            tree = self.sdist()
            path = os.path.join(tree, 'tox.ini')
            with open(path) as stream:
                text = stream.read()
            with open(path, 'w') as stream:
                stream.write(text.replace(
                    '{toxinidir}/tools/setup-scenario-env.sh stestr',
                    '%s stestr' % script))
            output = self.run_cli('audit', '--source', tree)
            self.assertInputError(output, 'setup.sh: leads outside the '
                                  'source tree')
            shutil.rmtree(tree)

    def test_entry_point_that_is_a_path(self):
        """An entry point is a module name, never a path to read."""
        tree = self.sdist()
        module = self.outside('evil.py', 'import os\n')[:-len('.py')]
        if '.' in module:
            self.skipTest('the temporary directory holds a dot')
        found = _modules.driver_modules(
            os.path.join(tree, 'oslo_messaging'),
            {'kafka': 'oslo_messaging._drivers.%s:KafkaDriver' % module,
             'rabbit': 'oslo_messaging._drivers.impl_rabbit:RabbitDriver'})
        self.assertEqual([], found['kafka'])
        self.assertIn('_drivers/impl_rabbit.py', found['rabbit'])

    def test_too_many_files(self):
        """The entries listed in a tree are capped: an input error."""
        self.useFixture(fixtures.MonkeyPatch(
            'oslo_messaging_support.audit._confined.MAX_ENTRIES', 100))
        tree = self.sdist()
        many = os.path.join(tree, 'oslo_messaging', 'tests', 'many')
        os.makedirs(many)
        for index in range(100):
            open(os.path.join(many, 'f%d' % index), 'w').close()
        output = self.run_cli('audit', '--source', tree)
        self.assertInputError(output, 'more than 100 files and '
                              'directories')


class TestImpossibleCoverage(BoundsTestCase):
    """A report whose figures no coverage run gives is an input error."""

    def json_report(self, statements, covered):
        text = ('{"meta": {"version": "7.6.1"}, "files": {'
                '"oslo_messaging/_drivers/impl_rabbit.py": {"summary": '
                '{"num_statements": %s, "covered_lines": %s}}}}'
                % (statements, covered))
        return self.write_file('coverage.json', text)

    def test_more_covered_lines_than_statements(self):
        """Not '10000.0% pass': covered lines above statements."""
        path = self.json_report(1, 100)
        output = self.run_cli('audit', '--coverage', path, '--driver',
                              'rabbit')
        self.assertInputError(output, '--coverage', 'impl_rabbit.py',
                              "'summary.covered_lines' (100) is more than "
                              "'summary.num_statements' (1)")

    def test_negative_nan_and_fractional_figures(self):
        for statements, covered, field in (
                (10, -1, 'covered_lines'), (-10, 0, 'num_statements'),
                ('NaN', 1, None), (10, 'Infinity', None),
                (10, 2.5, 'covered_lines'), (10, '"5"', 'covered_lines')):
            path = self.json_report(statements, covered)
            output = self.run_cli('audit', '--coverage', path, '--driver',
                                  'rabbit')
            self.assertInputError(output, '--coverage',
                                  *(["'summary.%s'" % field] if field
                                    else ['not a number']))

    def test_negative_hits_in_cobertura(self):
        path = self.write_file('coverage.xml', '''\
            <?xml version="1.0" ?>
            <coverage><packages><package name="d"><classes>
            <class filename="oslo_messaging/_drivers/impl_rabbit.py">
            <lines><line number="1" hits="-5"/><line number="2" hits="1"/>
            </lines></class></classes></package></packages></coverage>
            ''')
        output = self.run_cli('audit', '--coverage', path, '--driver',
                              'rabbit')
        self.assertInputError(output, '--coverage', "line 1 of ",
                              "'hits' must be a whole number of at least "
                              "0, not -5")

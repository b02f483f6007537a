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
            if item['driver'] == driver:
                return {finding['criterion']: finding
                        for finding in item['findings']}
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
        self.assertEqual('pass', found['gate_voting']['result'])
        self.assertIn('chained-9999', found['gate_voting']['evidence'])
        self.assertEqual('pass', found['integration']['result'])

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

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
"""The Zuul reader on an excerpt of oslo.messaging 18.3.1's .zuul.yaml."""

import os

from oslo_messaging_support.audit import _jobs
from oslo_messaging_support.audit import _model
from oslo_messaging_support.audit import _tox
from oslo_messaging_support.audit import _zuul
from tests.unit.audit import base


class TestRealZuulExcerpt(base.AuditTestCase):

    def setUp(self):
        super().setUp()
        self.zuul = _zuul.read_zuul(_zuul.config_paths(base.SDIST))
        self.tox = _tox.read_tox(os.path.join(base.SDIST, 'tox.ini'))

    def uses(self):
        return {(use.job, use.driver): use
                for use in _jobs.job_uses(self.zuul, self.tox)}

    def test_pipeline_voting_overrides_the_job(self):
        """A project pipeline's 'voting: false' makes the job non-voting."""
        self.assertEqual({'check': False},
                         self.zuul.runs('oslo.messaging-grenade'))
        self.assertEqual(
            {'check': True, 'gate': True},
            self.zuul.runs('oslo.messaging-src-dsvm-full-rabbit'))

    def test_inheritance_reaches_devstack(self):
        """dsvm-full-rabbit -> full-base -> devstack-tempest -> devstack."""
        resolved = self.zuul.resolve('oslo.messaging-src-dsvm-full-rabbit')
        self.assertEqual(('oslo.messaging-src-dsvm-full-rabbit',
                          'oslo.messaging-devstack-tempest-full-base',
                          'devstack-tempest', 'devstack'), resolved.chain)
        for project in ('nova', 'cinder', 'neutron', 'oslo.messaging'):
            self.assertIn(project, resolved.projects)
        self.assertIs(True, resolved.services['rabbit'])

    def test_tox_job_python_version(self):
        resolved = self.zuul.resolve(
            'oslo.messaging-tox-py311-func-scenario01')
        self.assertEqual('3.11', resolved.python)
        self.assertIsNone(resolved.unresolved)

    def test_scenario_jobs_select_drivers_through_tox(self):
        """tox_envlist -> SCENARIO -> the setup script's transport URLs."""
        uses = self.uses()
        first = uses['oslo.messaging-tox-py311-func-scenario01', 'rabbit']
        self.assertEqual(('rpc', 'notifications'), first.usage)
        kafka = uses['oslo.messaging-tox-py311-func-scenario02', 'kafka']
        self.assertEqual(('notifications',), kafka.usage)
        rabbit = uses['oslo.messaging-tox-py311-func-scenario02', 'rabbit']
        self.assertEqual(('rpc',), rabbit.usage)
        self.assertNotIn('secret', first.how + rabbit.how)

    def test_devstack_plugin_takes_notifications(self):
        """The kafka plugin carries notifications; rabbit keeps RPC."""
        uses = self.uses()
        job = 'oslo.messaging-src-dsvm-full-kafka-hybrid'
        self.assertEqual(('notifications',), uses[job, 'kafka'].usage)
        self.assertEqual(('rpc',), uses[job, 'rabbit'].usage)
        self.assertFalse(uses[job, 'kafka'].votes_in_gate)

    def test_abstract_job_is_not_a_use(self):
        jobs = {use.job for use in _jobs.job_uses(self.zuul, self.tox)}
        self.assertNotIn('oslo.messaging-devstack-tempest-full-base', jobs)


class TestMalformedZuul(base.AuditTestCase):

    def read(self, text):
        path = self.write_file('.zuul.yaml', text)
        return path, self.assertRaises(_model.AuditError,
                                       _zuul.read_zuul, [path])

    def test_bad_yaml_names_file_and_line(self):
        path, exc = self.read('- job:\n    name: a\n  parent: [\n')
        self.assertIn(path + ':', str(exc))
        self.assertIn('not valid YAML', str(exc))
        self.assertEqual(1, len(str(exc).splitlines()))

    def test_not_a_list(self):
        path, exc = self.read('job:\n  name: a\n')
        self.assertIn('%s:1: a Zuul configuration must be a list' % path,
                      str(exc))

    def test_job_without_name(self):
        path, exc = self.read('- job:\n    parent: devstack\n')
        self.assertIn("%s:2: a job needs a 'name'" % path, str(exc))

    def test_parent_cycle(self):
        path = self.write_file('.zuul.yaml', '''\
            - job:
                name: a
                parent: b
            - job:
                name: b
                parent: a
            ''')
        zuul = _zuul.read_zuul([path])
        exc = self.assertRaises(_model.AuditError, zuul.resolve, 'a')
        self.assertIn('a -> b -> a', str(exc))

    def test_encrypted_secret_is_tolerated(self):
        path = self.write_file('.zuul.yaml', '''\
            - secret:
                name: s
                data:
                  token: !encrypted/pkcs1-oaep
                    - abc
            - job:
                name: a
            ''')
        self.assertIn('a', _zuul.read_zuul([path]).jobs)


class TestAgainstRealSdist(base.AuditTestCase):
    """Check the excerpt against a real sdist when one is unpacked.

    Set OSLO_MESSAGING_SDIST to the unpacked oslo.messaging 18.3.1 sdist
    (``pip download --no-deps --no-binary :all: oslo.messaging==18.3.1``).
    """

    def test_excerpt_keeps_the_real_facts(self):
        real = os.environ.get('OSLO_MESSAGING_SDIST')
        if not real:
            self.skipTest('OSLO_MESSAGING_SDIST is not set')
        ours = _zuul.read_zuul(_zuul.config_paths(base.SDIST))
        theirs = _zuul.read_zuul(_zuul.config_paths(real))
        self.assertEqual(sorted(theirs.jobs), sorted(ours.jobs))
        for name in theirs.jobs:
            self.assertEqual(theirs.runs(name), ours.runs(name))
            self.assertEqual(theirs.resolve(name).chain,
                             ours.resolve(name).chain)
        self.assertEqual(theirs.templates, ours.templates)

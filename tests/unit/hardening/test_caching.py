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
"""The manifest, the calendar and the entry points are read once per
process; a decision is then a lookup."""

import collections
import os
import threading
import time
import warnings

import fixtures

import oslo_messaging_support as oms
from oslo_messaging_support.engine import driver_manifest
from oslo_messaging_support.engine import entrypoints
from oslo_messaging_support.engine import release_calendar
from oslo_messaging_support.engine import rules
from oslo_messaging_support.engine import support
from oslo_messaging_support.readers import yamlfile
from tests import fixtures_support
from tests.unit.hardening import base

RELEASES = ('2023.2', '2024.1', '2024.2', '2025.1', '2025.2', '2026.1')


class ReadOnceTest(base.HardeningTestCase):

    def setUp(self):
        super().setUp()
        self.reads = self.count_file_reads()
        self.manifest = driver_manifest.bundled_manifest_path()
        self.calendar = release_calendar.bundled_calendar_path()

    def decide_everything(self, overlay=None):
        names = support.POLICY.manifest(overlay).names() + ['mydriver']
        decisions = []
        for release in RELEASES:
            point = support.POLICY.point(release)
            for name in names:
                for usage in (None, 'rpc', 'notifications'):
                    decisions.append(support.POLICY.decide(
                        name, point, overlay, None, usage))
        return decisions

    def create(self, count, url='fake://'):
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            for _ in range(count):
                oms.get_rpc_transport(self.conf, url).cleanup()

    def test_many_decisions_read_each_file_once(self):
        decisions = self.decide_everything()
        self.decide_everything()
        self.assertGreater(len(decisions), 100)
        self.assertEqual(
            collections.Counter({self.manifest: 1, self.calendar: 1}),
            collections.Counter(self.reads))

    def test_transport_creations_read_each_file_once(self):
        overlay = self.overlay(fixtures_support.FAKE_DEPRECATED)
        self.create(50)
        self.create(5, 'kombu+amqp://guest:guest@127.0.0.1/')
        self.assertEqual(
            collections.Counter({self.manifest: 1, self.calendar: 1,
                                 overlay: 1}),
            collections.Counter(self.reads))

    def test_changed_overlay_is_read_again_once(self):
        overlay = self.overlay(fixtures_support.FAKE_DEPRECATED)
        self.create(3)
        self.assertEqual('deprecated', support.POLICY.decide(
            'fake', overlay=overlay).tier)
        # a different size and a later mtime: a new version of the file
        with open(overlay, 'w', encoding='utf-8') as stream:
            stream.write(fixtures_support.FAKE_PROSPECTIVE)
        stamp = time.time() + 10
        os.utime(overlay, (stamp, stamp))
        self.create(3)
        self.assertEqual('prospective', support.POLICY.decide(
            'fake', overlay=overlay).tier)
        self.assertEqual(2, self.reads.count(overlay))
        self.assertEqual(1, self.reads.count(self.calendar))

    def test_entry_points_are_read_once(self):
        calls = []
        real = entrypoints.namespace_entry_points

        def namespace_entry_points():
            calls.append(threading.get_ident())
            return real()

        self.useFixture(fixtures.MonkeyPatch(
            'oslo_messaging_support.engine.entrypoints.namespace_entry_points',
            namespace_entry_points))
        self.decide_everything()
        self.create(20)
        table = support.POLICY.entry_points.table()
        self.assertIn('rabbit', table)
        self.assertEqual(1, len(calls))

    def test_a_repeated_decision_is_a_lookup(self):
        first = support.POLICY.decide('amqp', None, None, None, 'rpc')
        calls = []
        real = rules.assess

        def assess(*args):
            calls.append(args[2])
            return real(*args)

        self.useFixture(fixtures.MonkeyPatch(
            'oslo_messaging_support.engine.rules.assess', assess))
        for _ in range(100):
            self.assertIs(first, support.POLICY.decide(
                'amqp', None, None, None, 'rpc'))
        self.create(20)
        # only the first creation of a fake:// transport was assessed
        self.assertEqual(['fake'], calls)

    def test_settings_are_part_of_the_lookup(self):
        """The memo never hands one operator's decision to another."""
        refused = support.POLICY.decide('mydriver')
        opened = support.POLICY.decide(
            'mydriver', settings=rules.Settings(
                allowed_drivers=frozenset(['mydriver'])))
        self.assertEqual('refuse', refused.action)
        self.assertEqual('warn', opened.action)
        self.assertEqual('refuse',
                         support.POLICY.decide('mydriver').action)


class ConcurrentColdStartTest(base.HardeningTestCase):
    """Threads that all need the policy first at the same moment."""

    def test_each_file_is_read_once(self):
        reads = self.count_file_reads()
        real = yamlfile.load_file

        def slow(path):
            # widen the window in which a second reader could start
            time.sleep(0.05)
            return real(path)

        self.useFixture(fixtures.MonkeyPatch(
            'oslo_messaging_support.readers.yamlfile.load_file', slow))
        overlay = self.overlay(fixtures_support.FAKE_DEPRECATED)
        barrier = threading.Barrier(32)
        tiers, errors = [], []

        def decide():
            try:
                barrier.wait(30)
                tiers.append(support.POLICY.decide(
                    'fake', overlay=overlay).tier)
            except Exception as exc:  # reported below
                errors.append(exc)

        threads = [threading.Thread(target=decide) for _ in range(32)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        self.assertEqual([], errors)
        self.assertEqual(['deprecated'] * 32, tiers)
        self.assertEqual(
            collections.Counter({driver_manifest.bundled_manifest_path(): 1,
                                 release_calendar.bundled_calendar_path(): 1,
                                 overlay: 1}),
            collections.Counter(reads))

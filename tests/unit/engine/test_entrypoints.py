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
"""The installed drivers are listed through stevedore's cache."""

import importlib.metadata

import fixtures
from stevedore import extension

import oslo_messaging_support as oms
from oslo_messaging_support.engine import entrypoints
from oslo_messaging_support.engine import support
from tests import base

GENUINE_RABBIT = 'oslo_messaging._drivers.impl_rabbit:RabbitDriver'
FAKE_TARGET = 'oslo_messaging._drivers.impl_fake:FakeDriver'


class StevedoreSeamTest(base.TestCase):
    """The private stevedore name this module relies on is still there."""

    def test_stevedore_cached_reader_is_found(self):
        # If this fails, stevedore moved its cache: the table still works
        # through importlib.metadata, but pays a full scan of the
        # installed distributions; update _stevedore_group_reader.
        from stevedore import _cache
        self.assertIs(_cache.get_group_all,
                      entrypoints._stevedore_group_reader())

    def test_extension_manager_cache_is_a_dict(self):
        self.assertIsInstance(extension.ExtensionManager.ENTRY_POINT_CACHE,
                              dict)


class TableTest(base.ServiceConfTestCase):

    def setUp(self):
        super().setUp()
        self.table = entrypoints.EntryPointTable()

    def test_genuine_drivers_of_oslo_messaging(self):
        rabbit = self.table.get('rabbit')
        self.assertEqual(1, len(rabbit))
        self.assertEqual(GENUINE_RABBIT, rabbit[0].target)
        self.assertEqual('oslo.messaging', rabbit[0].distribution)
        self.assertEqual([GENUINE_RABBIT],
                         [item.target for item in self.table.get('kombu')])
        self.assertEqual((), self.table.get('nosuchdriver'))

    def test_reads_what_stevedore_cached_for_oslo_messaging(self):
        """The list stevedore's manager holds is what is used, unchanged."""
        point = importlib.metadata.EntryPoint(
            'rabbit', 'evil.driver:Rabbit', entrypoints.NAMESPACE)
        self.useFixture(fixtures.MonkeyPatch(
            'stevedore.extension.ExtensionManager.ENTRY_POINT_CACHE',
            {entrypoints.NAMESPACE: [point]}))
        self.assertEqual(['evil.driver:Rabbit'],
                         [item.target for item in self.table.get('rabbit')])
        self.assertEqual((), self.table.get('fake'))
        self.assertEqual(
            [point],
            extension.ExtensionManager.ENTRY_POINT_CACHE[
                entrypoints.NAMESPACE])

    def test_fills_stevedore_cache_oslo_messaging_then_uses(self):
        """stevedore's cached reader is asked once, for the namespace."""
        calls = []
        real = entrypoints._stevedore_group_reader()

        def reader(group, path=None):
            calls.append(group)
            return real(group, path)

        self.useFixture(fixtures.MonkeyPatch(
            'stevedore._cache.get_group_all', reader))
        self.useFixture(fixtures.MonkeyPatch(
            'stevedore.extension.ExtensionManager.ENTRY_POINT_CACHE', {}))
        self.table.table()
        self.table.table()
        self.assertEqual([entrypoints.NAMESPACE], calls)
        # the manager oslo.messaging builds lists from the same reader
        manager = extension.ExtensionManager.__new__(
            extension.ExtensionManager)
        manager.namespace = entrypoints.NAMESPACE
        listed = manager.list_entry_points()
        self.assertIn(GENUINE_RABBIT, [item.value for item in listed])

    def test_impostor_in_a_new_distribution_is_named(self):
        self.install_private_driver(
            name='rabbit', distribution='rabbit-fork', target=FAKE_TARGET)
        found = {(item.target, item.distribution)
                 for item in self.table.get('rabbit')}
        self.assertEqual({(GENUINE_RABBIT, 'oslo.messaging'),
                          (FAKE_TARGET, 'rabbit-fork')}, found)

    def test_impostor_is_refused_by_name(self):
        self.install_private_driver(
            name='rabbit', distribution='rabbit-fork', target=FAKE_TARGET)
        decision = oms.evaluate('rabbit')
        self.assertEqual('refuse', decision.action)
        self.assertIn('%s (from rabbit-fork)' % FAKE_TARGET, decision.reason)
        self.assertIn('%s (from oslo.messaging)' % GENUINE_RABBIT,
                      decision.reason)

    def test_private_driver_is_listed(self):
        self.install_private_driver()
        (item,) = self.table.get('private')
        self.assertEqual(
            entrypoints.InstalledDriver(
                'private', FAKE_TARGET, 'private-messaging-driver'), item)

    def test_genuine_decision_reads_no_distribution(self):
        """The distributions are read only to name an impostor."""
        calls = []
        real = entrypoints._distribution_index

        def index():
            calls.append(1)
            return real()

        self.useFixture(fixtures.MonkeyPatch(
            'oslo_messaging_support.engine.entrypoints._distribution_index',
            index))
        self.assertEqual('supported', oms.evaluate('rabbit').tier)
        self.assertEqual([], calls)
        self.install_private_driver(name='rabbit', target=FAKE_TARGET)
        support.POLICY.clear()
        self.assertEqual('refuse', oms.evaluate('rabbit').action)
        self.assertEqual([1], calls)

    def test_clear_reads_again(self):
        self.assertEqual((), self.table.get('private'))
        self.install_private_driver()
        self.assertEqual((), self.table.get('private'))
        self.table.clear()
        self.assertEqual(['private'],
                         [item.name for item in self.table.get('private')])

    def test_unregistered_distribution_is_unknown(self):
        point = importlib.metadata.EntryPoint(
            'ghost', 'ghost.driver:Ghost', entrypoints.NAMESPACE)
        table = entrypoints.EntryPointTable(reader=lambda: [point, point])
        (item,) = table.get('ghost')
        self.assertEqual(entrypoints.UNKNOWN_DISTRIBUTION, item.distribution)


class InstalledDriverTest(base.TestCase):

    def test_immutable_and_comparable(self):
        item = entrypoints.InstalledDriver('a', 'm:C', 'dist')
        self.assertRaises(AttributeError, setattr, item, 'name', 'b')
        self.assertEqual(item, entrypoints.InstalledDriver('a', 'm:C',
                                                           'dist'))
        self.assertNotEqual(item, entrypoints.InstalledDriver('a', 'm:C',
                                                              'other'))
        self.assertEqual(1, len({item, entrypoints.InstalledDriver(
            'a', 'm:C', 'dist')}))
        self.assertIn("distribution='dist'", repr(item))

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

import datetime
import importlib.metadata
from unittest import mock

import oslo_messaging_support as oms
from oslo_messaging_support.engine import entrypoints
from oslo_messaging_support.engine import release_calendar
from oslo_messaging_support.engine import rules
from oslo_messaging_support.engine import support
from oslo_messaging_support.engine import versions
from tests import base

PROSPECTIVE_OVERLAY = """
drivers:
  newcomer:
    entry_point: newcomer.driver:Driver
    usage: [rpc, notifications]
    replacement: rabbit
    lifecycle:
      - {series: caracal, status: prospective, date: 2024-01-10}
"""


class WorkedExampleTest(base.TestCase):
    """The issue's worked example of the prospective grace rule."""

    def setUp(self):
        super().setUp()
        self.overlay = self.write_file('overlay.yaml', PROSPECTIVE_OVERLAY)

    def test_deadline(self):
        """Later of 2024-07-10 and dalmatian's release: 2024-10-02."""
        calendar = release_calendar.bundled_calendar()
        self.assertEqual(datetime.date(2024, 10, 2),
                         rules.prospective_deadline(
                             calendar, datetime.date(2024, 1, 10)))

    def test_six_months_win_when_longer(self):
        """A driver added just before a release gets six months."""
        calendar = release_calendar.bundled_calendar()
        # 2024-09-20: dalmatian under development; first full cycle is
        # epoxy (2025-04-02), six months is 2025-03-20 -> epoxy wins.
        self.assertEqual(datetime.date(2025, 4, 2),
                         rules.prospective_deadline(
                             calendar, datetime.date(2024, 9, 20)))
        # 2024-10-03, the first day of epoxy's cycle: epoxy is a full
        # cycle (released 2025-04-02), six months is 2025-04-03.
        self.assertEqual(datetime.date(2025, 4, 3),
                         rules.prospective_deadline(
                             calendar, datetime.date(2024, 10, 3)))

    def test_prospective_before_deadline_series(self):
        decision = oms.evaluate('newcomer', release='dalmatian',
                                overlay=self.overlay)
        self.assertEqual('prospective', decision.tier)
        self.assertEqual('warn', decision.action)
        self.assertEqual(datetime.date(2024, 10, 2), decision.deadline)
        self.assertIn('2024-10-02', decision.reason)
        self.assertIn('epoxy', decision.reason)

    def test_overdue_from_epoxy_never_retiered(self):
        """Past the deadline it stays prospective; compliance: overdue."""
        decision = oms.evaluate('newcomer', release='2025.1',
                                overlay=self.overlay)
        self.assertEqual('prospective', decision.tier)
        self.assertEqual('overdue', decision.compliance)
        self.assertEqual('warn', decision.action)
        self.assertIsNone(decision.deprecated_in)
        self.assertIsNone(decision.removal_in)
        self.assertEqual('epoxy', decision.deprecation_due.name)
        self.assertIn('missed its compliance deadline 2024-10-02 (its '
                      'deprecation is due from epoxy (2025.1))',
                      decision.reason)
        later = oms.evaluate('newcomer', release='2026.2',
                             overlay=self.overlay)
        self.assertEqual(('prospective', 'overdue'),
                         (later.tier, later.compliance))
        self.assertIn('its deprecation was due from epoxy (2025.1)',
                      later.reason)

    def test_earlier_declared_deprecation_counts(self):
        event = '      - {series: caracal, status: deprecated}\n'
        overlay = self.write_file('overlay2.yaml',
                                  PROSPECTIVE_OVERLAY + event)
        decision = oms.evaluate('newcomer', release='dalmatian',
                                overlay=overlay)
        self.assertEqual('deprecated', decision.tier)
        self.assertEqual('caracal', decision.deprecated_in.name)
        self.assertEqual('epoxy', decision.removal_in.name)

    def test_decided_prospective_is_supported(self):
        event = '      - {series: dalmatian, status: supported}\n'
        overlay = self.write_file('overlay3.yaml',
                                  PROSPECTIVE_OVERLAY + event)
        self.assertEqual('supported', oms.evaluate(
            'newcomer', release='2026.1', overlay=overlay).tier)


class RealHistoryTest(base.TestCase):
    """The bundled manifest through the engine, as operators see it."""

    def tier(self, name, release):
        return oms.evaluate(name, release=release)

    def test_amqp(self):
        """Deprecated in 2023.2, removal 2024.2, removed in 2025.1."""
        self.assertEqual('supported', self.tier('amqp', 'zed').tier)
        at_dalmatian = self.tier('amqp', '2024.2')
        self.assertEqual('deprecated', at_dalmatian.tier)
        self.assertEqual('2023.2', at_dalmatian.deprecated_in.id)
        self.assertEqual('2024.2', at_dalmatian.removal_in.id)
        self.assertEqual('warn', at_dalmatian.action)
        removed = self.tier('amqp', '2025.1')
        self.assertEqual('removed', removed.tier)
        self.assertEqual('refuse', removed.action)
        self.assertEqual('RabbitMQ or Kafka', removed.replacement)
        self.assertIn('epoxy', removed.reason)
        self.assertIn('Use RabbitMQ or Kafka instead', removed.reason)

    def test_removed_drivers(self):
        for name, series in (('qpid', 'mitaka'), ('zmq', 'stein'),
                             ('pika', 'rocky')):
            decision = self.tier(name, '2024.2')
            self.assertEqual('removed', decision.tier, name)
            self.assertEqual(series, decision.removed_in.name)

    def test_rabbit_and_alias(self):
        self.assertEqual('supported', self.tier('rabbit', '2024.2').tier)
        kombu = self.tier('kombu', '2024.2')
        self.assertEqual('supported', kombu.tier)
        self.assertEqual('rabbit', kombu.canonical)
        self.assertIn('alias of rabbit', kombu.reason)

    def test_before_introduction(self):
        decision = self.tier('kafka', 'kilo')
        self.assertEqual('unsupported', decision.tier)
        self.assertIn('kafka is not a driver of kilo (2015.1): the manifest '
                      'records it from mitaka on.', decision.reason)

    def test_kafka_never_decided(self):
        """kafka stayed prospective: upstream never deprecated it."""
        decision = self.tier('kafka', 'mitaka')
        self.assertEqual(('prospective', 'grace'),
                         (decision.tier, decision.compliance))
        decision = self.tier('kafka', '2025.1')
        self.assertEqual(('prospective', 'overdue'),
                         (decision.tier, decision.compliance))
        self.assertIsNone(decision.deprecated_in)
        self.assertIsNone(decision.removal_in)
        self.assertEqual('ocata', decision.deprecation_due.name)

    def test_unknown_driver(self):
        decision = self.tier('mydriver', '2025.1')
        self.assertEqual('unsupported', decision.tier)
        self.assertEqual('refuse', decision.action)
        self.assertIsNone(decision.canonical)
        self.assertIn('allowed_drivers = mydriver', decision.message())


class DefaultPointTest(base.TestCase):
    """The default point: installed oslo.messaging's series and today."""

    #: These tests read the real version (or patch it themselves).
    EVALUATE_AS_INSTALLED = True

    def test_installed_version(self):
        with mock.patch.object(versions, 'installed_oslo_messaging_version',
                               return_value='14.9.0'):
            decision = oms.evaluate('amqp')
        self.assertEqual('dalmatian', decision.point.series.name)
        self.assertEqual(datetime.date.today(), decision.point.date)
        self.assertEqual('deprecated', decision.tier)

    def test_installed_version_is_the_distribution_version(self):
        """The header read gives what importlib.metadata gives."""
        self.assertEqual(importlib.metadata.version('oslo.messaging'),
                         versions.installed_oslo_messaging_version())

    def test_installed_version_without_header(self):
        """Metadata without a Version: header falls back to the parser."""
        dist = mock.Mock(version='17.0.0')
        dist.read_text.side_effect = {
            'METADATA': None,
            'PKG-INFO': 'Name: oslo.messaging\n\nVersion: 1.0.0\n'}.get
        with mock.patch.object(importlib.metadata, 'distribution',
                               return_value=dist):
            self.assertEqual('17.0.0',
                             versions.installed_oslo_messaging_version())

    def test_date_only(self):
        point = support.POLICY.point(date='2024-01-10')
        self.assertEqual('caracal', point.series.name)


class SettingsTest(base.TestCase):
    """Operator settings change actions, never the tier."""

    def test_allow_one_unsupported_driver(self):
        settings = rules.Settings(allowed_drivers=frozenset(['mine']))
        self.assertEqual('warn', oms.evaluate(
            'mine', settings=settings).action)
        self.assertEqual('refuse', oms.evaluate(
            'other', settings=settings).action)

    def test_allow_every_unsupported_driver(self):
        settings = rules.Settings(allow_unsupported=True)
        self.assertEqual('warn', oms.evaluate(
            'other', settings=settings).action)

    def test_removed_stays_refused(self):
        settings = rules.Settings(allow_unsupported=True,
                                  allowed_drivers=frozenset(['amqp']))
        decision = oms.evaluate('amqp', release='2025.1', settings=settings)
        self.assertEqual('refuse', decision.action)

    def test_strict_mode(self):
        strict = rules.Settings(strict=True)
        decision = oms.evaluate('amqp', release='2024.2', settings=strict)
        self.assertEqual('refuse', decision.action)
        self.assertIn('strict_mode', decision.message())
        exempt = rules.Settings(strict=True,
                                allowed_drivers=frozenset(['amqp']))
        self.assertEqual('warn', oms.evaluate(
            'amqp', release='2024.2', settings=exempt).action)
        self.assertEqual('load', oms.evaluate(
            'rabbit', release='2024.2', settings=strict).action)


class UsageTest(base.TestCase):
    """A driver cannot be used for what it does not carry."""

    def test_kafka_for_rpc(self):
        decision = oms.evaluate('kafka', usage='rpc')
        self.assertEqual('refuse', decision.action)
        self.assertIn('cannot carry RPC', decision.reason)

    def test_kafka_for_notifications(self):
        self.assertEqual('warn', oms.evaluate(
            'kafka', usage='notifications').action)


class IdentityTest(base.TestCase):
    """Only the genuine entry point counts as the manifest's driver."""

    def fake_table(self, entries):
        table = {}
        for name, target, dist in entries:
            table.setdefault(name, []).append(
                entrypoints.InstalledDriver(name, target, dist))
        self.useFixture_patch(table)

    def useFixture_patch(self, table):
        patcher = mock.patch.object(
            entrypoints.TABLE, 'table',
            return_value={k: tuple(v) for k, v in table.items()})
        patcher.start()
        self.addCleanup(patcher.stop)

    def test_foreign_class_under_rabbit(self):
        self.fake_table([('rabbit', 'evil.driver:Rabbit', 'evil-dist')])
        decision = oms.evaluate('rabbit')
        self.assertEqual('unsupported', decision.tier)
        self.assertEqual('refuse', decision.action)
        self.assertIn('evil.driver:Rabbit (from evil-dist)', decision.reason)
        self.assertIn('oslo_messaging._drivers.impl_rabbit:RabbitDriver',
                      decision.reason)

    def test_second_rabbit(self):
        self.fake_table([
            ('rabbit', 'oslo_messaging._drivers.impl_rabbit:RabbitDriver',
             'oslo.messaging'),
            ('rabbit', 'evil.driver:Rabbit', 'evil-dist')])
        decision = oms.evaluate('rabbit')
        self.assertEqual('unsupported', decision.tier)
        self.assertIn('2 drivers are registered as rabbit', decision.reason)
        self.assertIn('evil-dist', decision.reason)

    def test_genuine(self):
        self.assertEqual('supported', oms.evaluate('rabbit').tier)

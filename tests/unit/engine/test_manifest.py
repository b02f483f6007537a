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

import os

from oslo_messaging_support.engine import driver_manifest
from oslo_messaging_support.engine import release_calendar
from oslo_messaging_support.engine import tiers
from oslo_messaging_support import exception
from tests import base

EVERY_DRIVER = ('rabbit', 'fake', 'kafka', 'qpid', 'zmq', 'pika', 'amqp')


class BundledManifestTest(base.TestCase):
    """The bundled manifest validates and holds the real history."""

    def setUp(self):
        super().setUp()
        self.manifest = driver_manifest.CACHE.get()

    def test_every_driver_oslo_messaging_shipped(self):
        """rabbit (alias kombu), fake, kafka, qpid, zmq, pika, amqp."""
        self.assertEqual(set(EVERY_DRIVER), set(self.manifest.drivers))
        self.assertEqual('rabbit', self.manifest.canonical_name('kombu'))
        self.assertEqual(('kombu',), self.manifest.drivers['rabbit'].aliases)

    def test_every_fact_is_cited(self):
        """Each lifecycle event and evidence item carries a source."""
        for entry in self.manifest.drivers.values():
            for event in entry.lifecycle:
                self.assertTrue(event.source, entry.name)
            self.assertEqual(set(tiers.CRITERIA),
                             set(entry.evidence), entry.name)
            for criterion in entry.evidence.values():
                self.assertTrue(criterion.source, entry.name)

    def test_real_history(self):
        """The dates and series of driver-history.md."""
        def events(name):
            return [(e.series.label, e.status)
                    for e in self.manifest.drivers[name].lifecycle]
        self.assertEqual([('icehouse', 'supported'), ('liberty', 'deprecated'),
                          ('mitaka', 'removed')], events('qpid'))
        self.assertEqual([('icehouse', 'supported'), ('rocky', 'deprecated'),
                          ('stein', 'removed')], events('zmq'))
        self.assertEqual([('mitaka', 'supported'), ('pike', 'deprecated'),
                          ('rocky', 'removed')], events('pika'))
        self.assertEqual([('juno', 'prospective'), ('newton', 'supported'),
                          ('bobcat', 'deprecated'), ('epoxy', 'removed')],
                         events('amqp'))
        amqp = self.manifest.drivers['amqp'].lifecycle
        self.assertEqual('2014-09-04', amqp[0].date.isoformat())
        self.assertIn('fbee9417', amqp[0].source)
        self.assertIn('3109941e', amqp[1].source)
        self.assertEqual([('icehouse', 'testing')], events('fake'))
        self.assertEqual([('mitaka', 'prospective')], events('kafka'))
        self.assertEqual(('notifications',),
                         self.manifest.drivers['kafka'].usage)
        self.assertEqual(('rpc', 'notifications'),
                         self.manifest.drivers['zmq'].usage)
        self.assertIn('8cc258b9',
                      self.manifest.drivers['zmq'].lifecycle[1].source)
        documentation = self.manifest.drivers['rabbit'].evidence[
            'documentation']
        self.assertEqual('pass', documentation.result)
        self.assertIn('environment-messaging.rst', documentation.source)

    def test_replacements_are_upstream_words(self):
        """A replacement is one oslo.messaging itself named, quoted.

        zmq, pika and amqp: their release notes name RabbitMQ (quoted in
        a lifecycle source).  qpid (removed without a release note) and
        kafka (never deprecated) have none.
        """
        replacements = {name: entry.replacement
                        for name, entry in self.manifest.drivers.items()
                        if entry.replacement}
        self.assertEqual({'zmq': 'rabbit', 'pika': 'rabbit',
                          'amqp': 'rabbit'}, replacements)
        for name in replacements:
            quoted = [event.source for event in
                      self.manifest.drivers[name].lifecycle
                      if 'release note' in event.source and
                      ('RabbitMQ' in event.source or
                       "'rabbit://" in event.source)]
            self.assertTrue(quoted, name)

    def test_entry_points_match_installed_oslo_messaging(self):
        """Shipped drivers name the target the installed package has."""
        from oslo_messaging_support.engine import entrypoints
        table = entrypoints.TABLE.table()
        for name in ('rabbit', 'kombu', 'fake', 'kafka'):
            entry = self.manifest.lookup(name)
            self.assertEqual(entry.entry_point, table[name][0].target)


class ValidationTest(base.TestCase):
    """Every malformed input gives one error naming file, driver, field."""

    def load(self, text, name='overlay.yaml'):
        path = self.write_file(name, text)
        return driver_manifest.load_manifest(
            [driver_manifest.bundled_manifest_path(), path],
            release_calendar.bundled_calendar())

    def assertInvalid(self, text, *fragments, line=None):
        error = self.assertRaises(exception.ManifestError, self.load, text)
        message = str(error)
        self.assertIn('overlay.yaml', message)
        for fragment in fragments:
            self.assertIn(fragment, message)
        if line is not None:
            self.assertEqual(line, error.line, message)
        self.assertNotIn('\n', message)
        return error

    def test_unknown_key(self):
        self.assertInvalid("""
            drivers:
              rabbit:
                entry_piont: a.b:C
            """, "driver 'rabbit'", "field 'entry_piont'", 'unknown key',
                           line=4)

    def test_bad_status(self):
        self.assertInvalid("""
            drivers:
              rabbit:
                lifecycle:
                  - {series: icehouse, status: retired}
            """, "driver 'rabbit'", "lifecycle[0].status", "'retired'",
                           line=5)

    def test_unknown_series(self):
        self.assertInvalid("""
            drivers:
              rabbit:
                lifecycle:
                  - {series: icehouse, status: supported}
                  - {series: zebra, status: deprecated}
            """, "lifecycle[1].series", "'zebra'")

    def test_bad_date(self):
        self.assertInvalid("""
            drivers:
              mine:
                entry_point: my.driver:Driver
                usage: [rpc]
                lifecycle:
                  - {series: epoxy, status: prospective, date: 2025-02-30}
            """, "driver 'mine'", 'lifecycle[0].date', '2025-02-30')

    def test_unquoted_series_id_is_read_as_written(self):
        """``2025.10`` is not read as the number 2025.1 (epoxy)."""
        self.assertInvalid("""
            drivers:
              rabbit:
                lifecycle:
                  - {series: 2025.10, status: supported}
            """, "lifecycle[0].series", "'2025.10'", "quoted string",
                           "2025.1", line=5)
        manifest = self.load("""
            drivers:
              rabbit:
                lifecycle:
                  - {series: 2025.2, status: supported}
            """)
        self.assertEqual('flamingo',
                         manifest.drivers['rabbit'].lifecycle[0].series.name)

    def test_series_of_another_type(self):
        self.assertInvalid("""
            drivers:
              rabbit:
                lifecycle:
                  - {series: [epoxy], status: supported}
            """, "lifecycle[0].series", 'must be a series name or id')

    def test_date_far_past_the_calendar(self):
        """9999-12-31 is refused when read, not at the first transport."""
        self.assertInvalid("""
            drivers:
              fake:
                lifecycle:
                  - {series: icehouse, status: prospective,
                     date: 9999-12-31}
            """, "driver 'fake'", 'lifecycle[0].date',
                           'past the end of the release calendar')

    def test_series_far_past_the_calendar(self):
        self.assertInvalid("""
            drivers:
              fake:
                lifecycle:
                  - {series: '9999.1', status: supported}
            """, "driver 'fake'", 'lifecycle[0].series',
                           'past the end of the release calendar')

    def test_names_end_at_the_end(self):
        """A trailing newline does not pass for a name or a target."""
        self.assertInvalid("""
            drivers:
              "mine\\n":
                entry_point: my.driver:Driver
                usage: [rpc]
                lifecycle:
                  - {series: epoxy, status: supported}
            """, 'not a valid driver name')
        self.assertInvalid("""
            drivers:
              mine:
                entry_point: "my.driver:Driver\\n"
                usage: [rpc]
                lifecycle:
                  - {series: epoxy, status: supported}
            """, 'not an entry point target')

    def test_testing_is_a_status(self):
        manifest = self.load("""
            drivers:
              mine:
                entry_point: my.driver:Driver
                usage: [rpc]
                lifecycle:
                  - {series: epoxy, status: testing}
            """)
        self.assertEqual('testing',
                         manifest.drivers['mine'].lifecycle[0].status)

    def test_prospective_needs_a_date(self):
        self.assertInvalid("""
            drivers:
              mine:
                entry_point: my.driver:Driver
                usage: [rpc]
                lifecycle:
                  - {series: epoxy, status: prospective}
            """, 'lifecycle[0].date', 'needs a date')

    def test_events_out_of_order(self):
        self.assertInvalid("""
            drivers:
              rabbit:
                lifecycle:
                  - {series: epoxy, status: supported}
                  - {series: caracal, status: deprecated}
            """, 'lifecycle[1]', 'out of order')

    def test_no_coming_back_after_removed(self):
        self.assertInvalid("""
            drivers:
              qpid:
                lifecycle:
                  - {series: icehouse, status: supported}
                  - {series: mitaka, status: removed}
                  - {series: epoxy, status: supported}
            """, "driver 'qpid'", 'lifecycle[2]', "after 'removed'")

    def test_alias_naming_another_driver(self):
        self.assertInvalid("""
            drivers:
              fake:
                aliases: [rabbit]
            """, "driver 'fake'", "alias 'rabbit' names another driver")

    def test_alias_cycle(self):
        self.assertInvalid("""
            drivers:
              fake:
                aliases: [kafka]
              kafka:
                aliases: [fake]
            """, 'cycle')

    def test_alias_of_itself(self):
        self.assertInvalid("""
            drivers:
              fake:
                aliases: [fake]
            """, 'itself')

    def test_alias_claimed_twice(self):
        self.assertInvalid("""
            drivers:
              fake:
                aliases: [kombu]
            """, "alias 'kombu' is also an alias of driver 'rabbit'")

    def test_not_a_mapping(self):
        self.assertInvalid("- just\n- a list\n", 'YAML mapping', 'a list')
        self.assertInvalid('', 'an empty document')

    def test_not_yaml(self):
        self.assertInvalid('drivers: [unclosed\n  foo: {\n', 'not valid YAML')

    def test_duplicate_key(self):
        """A key given twice is an error, not a silent last-one-wins."""
        self.assertInvalid("""
            drivers:
              kafka:
                replacement: rabbit
                replacement: fake
            """, "duplicate key 'replacement' (first on line 4)", line=5)

    def test_unknown_usage(self):
        self.assertInvalid("""
            drivers:
              rabbit:
                usage: [rpc, telemetry]
            """, "field 'usage'", "'telemetry'")

    def test_new_driver_needs_entry_point(self):
        self.assertInvalid("""
            drivers:
              mine:
                usage: [rpc]
                lifecycle: [{series: epoxy, status: supported}]
            """, "driver 'mine'", "missing key 'entry_point'")

    def test_bad_entry_point(self):
        self.assertInvalid("""
            drivers:
              rabbit:
                entry_point: not a target
            """, "field 'entry_point'")

    def test_replacement_must_exist(self):
        self.assertInvalid("""
            drivers:
              amqp:
                replacement: carrier-pigeon
            """, "replacement 'carrier-pigeon'")

    def test_bad_evidence_result(self):
        self.assertInvalid("""
            drivers:
              rabbit:
                evidence:
                  coverage: {result: maybe}
            """, 'evidence.coverage.result', "'maybe'")

    def test_unreadable_file_and_directory(self):
        calendar = release_calendar.bundled_calendar()
        missing = os.path.join(self.tempdir, 'missing.yaml')
        error = self.assertRaises(exception.ManifestError,
                                  driver_manifest.load_manifest, [missing],
                                  calendar)
        self.assertIn('missing.yaml: no such file', str(error))
        error = self.assertRaises(exception.ManifestError,
                                  driver_manifest.load_manifest, [
                                      self.tempdir],
                                  calendar)
        self.assertIn('is a directory', str(error))

    def test_bundled_file_needs_sources(self):
        """The first (bundled) file must cite every fact."""
        path = self.write_file('bundle.yaml', """
            drivers:
              rabbit:
                entry_point: a.b:C
                usage: [rpc]
                lifecycle: [{series: epoxy, status: supported}]
            """)
        error = self.assertRaises(exception.ManifestError,
                                  driver_manifest.load_manifest, [path],
                                  release_calendar.bundled_calendar())
        self.assertIn('needs a source', str(error))


class NameShapeTest(base.TestCase):
    """What passes for a driver name and for an entry point target."""

    def test_driver_names(self):
        for name in ('rabbit', 'kafka-2', 'my_driver.v1', '0mq', '_x'):
            self.assertTrue(driver_manifest._is_name(name), name)
        for name in ('', '-x', '.x', 'a+b', 'a b', 'caf\u00e9', 'x\n',
                     '\u0661'):
            self.assertFalse(driver_manifest._is_name(name), name)

    def test_entry_point_targets(self):
        for target in ('a:B', 'my.driver:Driver', '_m.x_1:C.attr',
                       'caf\u00e9:Cls', 'm:C\u0661'):
            self.assertTrue(driver_manifest._is_entry_point(target), target)
        for target in ('', 'a', 'a:', ':B', 'a:B:C', 'a..b:C', '1a:B',
                       'a:1B', 'a.:B', 'a:B.', 'a-b:C', 'a :B', 'a:B\n',
                       '\u00e9a:B', 'a:\u0661'):
            self.assertFalse(driver_manifest._is_entry_point(target), target)


class OverlayTest(base.TestCase):
    """An overlay replaces the keys it gives and adds new drivers."""

    def test_keys_replace_and_drivers_add(self):
        path = self.write_file('overlay.yaml', """
            drivers:
              kafka:
                lifecycle:
                  - {series: mitaka, status: supported}
              mine:
                entry_point: my.driver:Driver
                usage: [notifications]
                lifecycle:
                  - {series: epoxy, status: prospective, date: 2025-01-15}
            """)
        manifest = driver_manifest.CACHE.get(path)
        kafka = manifest.drivers['kafka']
        self.assertEqual(['supported'], [e.status for e in kafka.lifecycle])
        # keys the overlay does not give stay as bundled
        self.assertEqual(('notifications',), kafka.usage)
        self.assertEqual('oslo_messaging._drivers.impl_kafka:KafkaDriver',
                         kafka.entry_point)
        self.assertIn('mine', manifest.drivers)
        self.assertEqual(path, manifest.drivers['mine'].origin)

    def test_cache_rereads_a_changed_overlay(self):
        path = self.write_file('overlay.yaml', """
            drivers:
              kafka:
                replacement: rabbit
            """)
        first = driver_manifest.CACHE.get(path)
        self.assertIs(first, driver_manifest.CACHE.get(path))
        self.write_file('overlay.yaml', """
            drivers:
              kafka:
                replacement: fake
            """)
        os.utime(path, ns=(1, 1))
        second = driver_manifest.CACHE.get(path)
        self.assertEqual('fake', second.drivers['kafka'].replacement)

    def test_overlay_gone(self):
        """A vanished overlay is a clear error on the next lookup."""
        path = self.write_file('overlay.yaml', 'drivers: {}\n')
        driver_manifest.CACHE.get(path)
        os.unlink(path)
        error = self.assertRaises(exception.ManifestError,
                                  driver_manifest.CACHE.get, path)
        self.assertIn('overlay.yaml', str(error))

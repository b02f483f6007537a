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
"""The compiled loads: the engine's answer, without the engine."""

import logging
from unittest import mock

import fixtures
from oslo_config import cfg
import oslo_messaging

import oslo_messaging_support as oms
from oslo_messaging_support.data import load_index
from oslo_messaging_support.engine import compiler
from oslo_messaging_support.engine import release_calendar
from oslo_messaging_support.engine import settings
from oslo_messaging_support.engine import support
from oslo_messaging_support.engine import tiers
from oslo_messaging_support.engine import versions
from oslo_messaging_support import fixture as support_fixture
from oslo_messaging_support import opts
from oslo_messaging_support.service import compiled_loads
from oslo_messaging_support.service import transport
from tests import base
from tests import fixtures_support
from tests.unit import test_imports

RPC = 'rpc'
NOTIFICATIONS = 'notifications'


def _format(version):
    return '.'.join(str(part) for part in version)


class EquivalenceTest(base.TestCase):
    """For every listed release, the record says what the engine says."""

    def as_installed(self, version):
        self.useFixture(support_fixture.SupportPolicyFixture(
            installed_version=version))

    def engine_loads_whatever_the_settings(self, name, usage):
        named = frozenset([name])
        return all(
            support.POLICY.decide_in_service(
                name, settings=settings.Settings(
                    allow_unsupported=allow, allowed_drivers=allowed,
                    strict=strict), usage=usage).action ==
            tiers.Action.LOAD
            for allow in (False, True) for allowed in (frozenset(), named)
            for strict in (False, True))

    def genuine(self, name):
        entry = support.POLICY.manifest().lookup(name)
        installed = support.POLICY.entry_points.get(name)
        return (entry is not None and len(installed) == 1 and
                installed[0].target == entry.entry_point)

    def test_the_record_is_the_engine_at_every_listed_release(self):
        names = support.POLICY.manifest().names() + ['mydriver']
        checked = 0
        for first, last, _ in load_index.RELEASES:
            for version in {_format(first), _format(last)}:
                self.as_installed(version)
                self.assertIsNotNone(compiled_loads.installed_record(),
                                     version)
                for name in names:
                    for usage in (RPC, NOTIFICATIONS):
                        fast = compiled_loads.loads(name, usage)
                        engine = self.engine_loads_whatever_the_settings(
                            name, usage)
                        where = (version, name, usage)
                        if fast:
                            self.assertTrue(engine, where)
                            checked += 1
                        elif self.genuine(name):
                            self.assertFalse(engine, where)
        # rabbit, kombu and fake, for both usages, at every release
        self.assertGreaterEqual(checked, 6 * len(
            load_index.RELEASES))

    def test_only_an_exact_series_uses_the_record(self):
        """As the calendar maps the version: a guess asks the engine."""
        last = load_index.RELEASES[-1][1]
        for version, exact in (
                ('%d.0.0' % (last[0] + 1), False),
                ('%d.%d.%d' % (last[0], last[1], last[2] + 1), False),
                ('%d.%d.%d.dev3' % last, True),
                ('%d.%d.%d' % last, True),
                ('0.1.0', None), ('not a version', None)):
            self.as_installed(version)
            try:
                mapping = support.POLICY.point().mapping
            except oms.CalendarError:
                self.assertIsNone(exact, version)
            else:
                self.assertIs(exact, mapping.exact, version)
            self.assertEqual(bool(exact),
                             compiled_loads.installed_record() is not None,
                             version)
            self.assertEqual(bool(exact),
                             compiled_loads.loads('rabbit', RPC), version)

    def test_the_usage_must_be_one_the_driver_carries(self):
        self.assertTrue(compiled_loads.loads('rabbit', RPC))
        self.assertFalse(compiled_loads.loads('rabbit', 'carrier-pigeon'))
        self.assertFalse(compiled_loads.loads('rabbit', None))

    def test_an_impostor_is_not_loaded_by_the_record(self):
        self.useFixture(fixtures.MonkeyPatch(
            'oslo_messaging_support.engine.entrypoints.TABLE.get',
            lambda name: (oms.InstalledDriver(
                name, fixtures_support.FAKE_TARGET, 'rabbit-fork'),)))
        self.assertFalse(compiled_loads.loads('rabbit', RPC))
        self.assertTrue(compiled_loads.installed_record())

    def test_the_record_is_current(self):
        releases, loads = compiler.compiled_loads()
        self.assertEqual(releases, load_index.RELEASES)
        self.assertEqual(loads, load_index.LOADS)


class TransportPathTest(base.TestCase):
    """Which transports the record admits, and which go to the engine."""

    def setUp(self):
        super().setUp()
        transport.forget_reports()
        self.addCleanup(transport.forget_reports)
        self.conf = cfg.ConfigOpts()
        self.conf([], project='test')
        self.addCleanup(oms.disable)
        self.asked = []
        real = support.SupportPolicy.decide_in_service

        def counting(policy, name, *args, **kwargs):
            self.asked.append(name)
            return real(policy, name, *args, **kwargs)

        self.useFixture(fixtures.MonkeyPatch(
            'oslo_messaging_support.engine.support.SupportPolicy.'
            'decide_in_service', counting))

    def create(self, url):
        oslo_messaging.get_rpc_transport(self.conf, url).cleanup()
        oslo_messaging.get_notification_transport(self.conf, url).cleanup()

    def test_a_supported_driver_needs_no_engine(self):
        oms.enable(self.conf)
        self.create('rabbit://h/')
        self.create('kombu://h/')
        self.assertEqual([], self.asked)

    def test_the_drop_in_loader_needs_no_engine_either(self):
        oms.get_rpc_transport(self.conf, 'rabbit://h/').cleanup()
        # the first transport of a configuration reads and checks it all
        self.assertEqual(['rabbit'], self.asked)
        oms.get_rpc_transport(self.conf, 'rabbit://h/').cleanup()
        oms.get_notification_transport(self.conf, 'kombu://h/').cleanup()
        self.assertEqual(['rabbit'], self.asked)

    def test_a_test_only_driver_goes_to_the_engine(self):
        """strict_mode can refuse fake: the engine reads the settings."""
        oms.enable(self.conf)
        self.create('fake://')
        self.assertIn('fake', self.asked)

    def test_a_deprecated_driver_goes_to_the_engine_and_warns(self):
        opts.register_opts(self.conf)
        self.conf.set_override('manifest_overlay', self.write_file(
            'o.yaml', fixtures_support.FAKE_DEPRECATED), opts.GROUP)
        oms.enable(self.conf)
        with mock.patch('warnings.warn') as warn:
            self.create('fake://')
        self.assertIn('fake', self.asked)
        self.assertTrue(warn.called)

    def test_an_evaluation_release_goes_to_the_engine(self):
        opts.register_opts(self.conf)
        self.conf.set_override('evaluation_release', 'indri', opts.GROUP)
        oms.enable(self.conf)
        self.create('rabbit://h/')
        self.assertIn('rabbit', self.asked)

    def test_a_later_override_goes_to_the_engine(self):
        oms.enable(self.conf)
        self.create('rabbit://h/')
        self.assertEqual([], self.asked)
        self.conf.set_override('evaluation_release', 'indri', opts.GROUP)
        self.create('rabbit://h/')
        self.assertIn('rabbit', self.asked)

    def test_debug_logging_gets_the_engines_reason(self):
        self.useFixture(fixtures.FakeLogger(
            name=base.LOGGER, level=logging.DEBUG))
        oms.enable(self.conf)
        self.create('rabbit://h/')
        self.assertIn('rabbit', self.asked)

    def test_an_unsupported_driver_is_refused_by_the_engine(self):
        oms.enable(self.conf)
        self.assertRaises(oms.UnsupportedDriver,
                          oslo_messaging.get_rpc_transport, self.conf,
                          'kafka://h/')
        self.assertIn('kafka', self.asked)


class ColdPathTest(base.TestCase):

    #: the subprocess sees the installed oslo.messaging, so does the test
    EVALUATE_AS_INSTALLED = True

    def test_a_service_never_loads_the_engine(self):
        """With rabbit under defaults, the engine stays unloaded.

        Unless the installed oslo.messaging is a release the calendar does
        not list (a stable release newer than its table): its series is
        then a guess, which only the engine makes and reports.
        """
        engine = ('oslo_messaging_support.engine.support',
                  'oslo_messaging_support.engine.rules',
                  'oslo_messaging_support.engine.driver_manifest',
                  'oslo_messaging_support.engine.release_calendar',
                  'oslo_messaging_support.engine.tiers',
                  'oslo_messaging_support.data.compiled')
        loaded = test_imports.ImportsTest.service_modules(
            self, True, ('rabbit://h/', 'kombu://h/'), wanted=engine)
        if support.POLICY.point().mapping.exact:
            self.assertEqual([], loaded)
        else:
            self.assertEqual(sorted(engine), loaded)

    def test_the_version_is_parsed_by_one_rule(self):
        self.assertEqual((18, 3, 1), versions.parse_version('18.3.1'))
        self.assertIs(versions.parse_version, release_calendar.parse_version)

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
"""The options are read as little as possible, and never stale."""

import gc
import itertools
import textwrap
import warnings

import fixtures
from oslo_config import cfg

import oslo_messaging_support as oms
from oslo_messaging_support.engine import support
from oslo_messaging_support import opts
from oslo_messaging_support.service import configuration
from tests import base
from tests import fixtures_support


class DecideTest(base.ServiceConfTestCase):

    def decide(self, name, usage='rpc', conf=None):
        return configuration.decide_transport(conf or self.conf, name, usage)

    def test_same_answer_as_reading_everything(self):
        """The shortcut never changes a decision."""
        overlay = self.write_file('overlay.yaml',
                                  fixtures_support.FAKE_DEPRECATED)
        names = support.POLICY.manifest(overlay).names() + [
            'mydriver']
        for name, overlay_path, allow, allowed, strict in itertools.product(
                names, (None, overlay), (False, True),
                ('none', 'this', 'other'), (False, True)):
            allowed = {'none': [], 'this': [name], 'other': ['other']}[
                allowed]
            self.set('manifest_overlay', overlay_path)
            self.set('allow_unsupported_drivers', allow)
            self.set('allowed_drivers', allowed)
            self.set('strict_mode', strict)
            for usage in (None, 'rpc', 'notifications'):
                configured = configuration.read_configuration(self.conf)
                expected = support.POLICY.decide(
                    name, None, configured.overlay, configured.settings,
                    usage)
                self.assertEqual(expected, self.decide(name, usage),
                                 (name, overlay_path, allow, allowed,
                                  strict, usage))

    def test_set_override_and_clear_override_apply_at_once(self):
        self.overlay(fixtures_support.FAKE_DEPRECATED)
        self.assertEqual('warn', self.decide('fake').action)
        self.set('strict_mode', True)
        self.assertEqual('refuse', self.decide('fake').action)
        self.set('allowed_drivers', ['fake'])
        self.assertEqual('warn', self.decide('fake').action)
        self.conf.clear_override('allowed_drivers', opts.GROUP)
        self.assertEqual('refuse', self.decide('fake').action)
        self.conf.clear_override('manifest_overlay', opts.GROUP)
        # strict mode refuses a test-only driver too
        self.assertEqual('refuse', self.decide('fake').action)
        self.conf.clear_override('strict_mode', opts.GROUP)
        self.assertEqual('load', self.decide('fake').action)
        self.set('evaluation_release', 'nosuchseries')
        self.assertRaises(oms.CalendarError, self.decide, 'fake')

    def test_transports_follow_overrides(self):
        self.overlay(fixtures_support.FAKE_DEPRECATED)
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            oms.get_rpc_transport(self.conf, 'fake://').cleanup()
            self.set('strict_mode', True)
            self.assertRaises(oms.UnsupportedDriver, oms.get_rpc_transport,
                              self.conf, 'fake://')
            self.conf.clear_override('strict_mode', opts.GROUP)
            oms.get_rpc_transport(self.conf, 'fake://').cleanup()


class ConfigFileTest(base.TestCase):

    def make_conf(self, text):
        self.path = self.write_file('service.conf', text)
        conf = cfg.ConfigOpts()
        conf(['--config-file', self.path], project='test')
        return conf

    def rewrite(self, text):
        with open(self.path, 'w', encoding='utf-8') as stream:
            stream.write(textwrap.dedent(text))

    def test_reload_config_files_applies(self):
        overlay = self.write_file('overlay.yaml',
                                  fixtures_support.FAKE_DEPRECATED)
        conf = self.make_conf("""\
            [oslo_messaging_support]
            manifest_overlay = %s
            """ % overlay)
        self.assertEqual('warn',
                         configuration.decide_transport(conf, 'fake').action)
        self.rewrite("""\
            [oslo_messaging_support]
            manifest_overlay = %s
            strict_mode = true
            """ % overlay)
        self.assertTrue(conf.reload_config_files())
        self.assertEqual('refuse',
                         configuration.decide_transport(conf, 'fake').action)

    def test_every_option_is_checked_at_the_first_transport(self):
        """Even one that cannot change this driver's decision."""
        good = self.make_conf('[oslo_messaging_support]\n')
        self.assertEqual('load',
                         configuration.decide_transport(good, 'rabbit').action)
        bad = self.make_conf("""\
            [oslo_messaging_support]
            strict_mode = maybe
            """)
        error = self.assertRaises(cfg.ConfigFileValueError,
                                  configuration.decide_transport, bad,
                                  'rabbit')
        self.assertIn('strict_mode', str(error))
        self.assertRaises(cfg.ConfigFileValueError, oms.enable, bad)
        self.assertFalse(oms.is_enabled())

    def test_mutation_checks_every_option_again(self):
        conf = self.make_conf('[oslo_messaging_support]\n')
        reads = []
        real = configuration.read_configuration

        def read_configuration(conf):
            reads.append(conf)
            return real(conf)

        self.useFixture(fixtures.MonkeyPatch(
            'oslo_messaging_support.service.configuration.read_configuration',
            read_configuration))
        for _ in range(3):
            configuration.decide_transport(conf, 'rabbit')
        self.assertEqual(1, len(reads))
        conf.mutate_config_files()
        for _ in range(3):
            configuration.decide_transport(conf, 'rabbit')
        self.assertEqual(2, len(reads))

    def test_a_configuration_that_goes_is_forgotten(self):
        conf = self.make_conf('[oslo_messaging_support]\n')
        configuration.decide_transport(conf, 'rabbit')
        self.assertTrue(configuration._CHECKED.has(conf))
        key = id(conf)
        del conf
        gc.collect()
        self.assertNotIn(key, configuration._CHECKED._refs)


class RegistrationTest(base.TestCase):

    def test_options_are_registered_when_missing(self):
        conf = cfg.ConfigOpts()
        conf([], project='test')
        self.assertEqual(
            'load', configuration.decide_transport(conf, 'rabbit').action)
        self.assertFalse(conf[opts.GROUP].strict_mode)

    def test_a_group_with_some_options_only(self):
        """Another registration of the group does not hide ours."""
        conf = cfg.ConfigOpts()
        conf([], project='test')
        conf.register_opts([cfg.StrOpt('unrelated')], group=opts.GROUP)
        configured = configuration.read_configuration(conf)
        self.assertIsNone(configured.overlay)
        self.assertEqual(
            'load', configuration.decide_transport(conf, 'rabbit').action)


class ConfiguredPolicyTest(base.TestCase):

    def test_immutable_value(self):
        from oslo_messaging_support.engine import rules
        item = configuration.ConfiguredPolicy(rules.Settings(), '/o', None)
        self.assertRaises(AttributeError, setattr, item, 'overlay', None)
        self.assertEqual(item, configuration.ConfiguredPolicy(
            rules.Settings(), '/o'))
        self.assertNotEqual(item, configuration.ConfiguredPolicy(
            rules.Settings(), None))
        self.assertEqual(1, len({item, configuration.ConfiguredPolicy(
            rules.Settings(), '/o')}))
        self.assertIn("overlay='/o'", repr(item))

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
"""The guard of enable() survives what a test suite does to oslo.messaging.

Issue 18, "The guard survives a test's mock": a ``mock.patch`` of
``oslo_messaging.transport._get_transport`` that ends, a wrapper assigned
later, ``importlib.reload``; options registered by other code with the
wrong type; a ``TransportURL`` whose scheme changes between two reads.
"""

import json
import logging
import subprocess
import sys
import textwrap
import types
from unittest import mock

import fixtures
from oslo_config import cfg
import oslo_messaging
from oslo_messaging import transport as om_transport

import oslo_messaging_support as oms
from oslo_messaging_support import opts
from tests import base
from tests import fixtures_support

#: Not a driver of the manifest, and not installed: refused when checked,
#: a DriverLoadFailure of oslo.messaging's own when not.
UNKNOWN = 'mydriver://h/'


class GuardTestCase(base.ServiceConfTestCase):

    def setUp(self):
        super().setUp()
        self.original = om_transport._get_transport
        self.addCleanup(oms.disable)

    def assertChecked(self):
        """Every public factory of oslo.messaging refuses UNKNOWN."""
        for factory in (oslo_messaging.get_rpc_transport,
                        oslo_messaging.get_notification_transport,
                        oslo_messaging.get_transport):
            self.assertRaises(oms.UnsupportedDriver, factory, self.conf,
                              UNKNOWN)


class MockThatEndsTest(GuardTestCase):
    """enable() while a test's mock stands on the hook."""

    def test_wrapping_mock_ends(self):
        with mock.patch.object(om_transport, '_get_transport',
                               wraps=self.original):
            oms.enable(self.conf)
            self.assertChecked()
        self.assertTrue(oms.is_enabled())
        self.assertChecked()

    def test_replacing_mock_ends(self):
        """A mock that creates nothing is checked too, and then the real."""
        with mock.patch.object(om_transport, '_get_transport') as hook:
            oms.enable(self.conf)
            self.assertChecked()
            hook.assert_not_called()
            oslo_messaging.get_rpc_transport(self.conf, 'fake://')
            hook.assert_called_once()
        self.assertIs(self.original,
                      om_transport._get_transport.__wrapped__)
        self.assertTrue(oms.is_enabled())
        self.assertChecked()

    def test_autospec_mock_of_the_guard(self):
        """A mock specified on the guard looks like one, and is not one."""
        oms.enable(self.conf)
        with mock.patch.object(om_transport, '_get_transport',
                               autospec=True) as hook:
            self.assertChecked()
            hook.assert_not_called()
        self.assertChecked()

    def test_mock_started_after_enable_ends(self):
        oms.enable(self.conf)
        with mock.patch.object(om_transport, '_get_transport') as hook:
            self.assertChecked()
            hook.assert_not_called()
        self.assertChecked()
        oms.disable()
        self.assertIs(self.original, om_transport._get_transport)


class ReplacedLaterTest(GuardTestCase):
    """Whatever is assigned to the hook later stands behind the guard."""

    def test_plain_wrapper(self):
        oms.enable(self.conf)
        original = self.original

        def wrapper(*args, **kwargs):  # says nothing of what it wraps
            return original(*args, **kwargs)

        om_transport._get_transport = wrapper
        self.addCleanup(setattr, om_transport, '_get_transport', original)
        self.assertTrue(oms.is_enabled())
        self.assertChecked()

    def test_wrapper_that_claims_to_wrap_the_guard(self):
        """A wrapper naming the guard is believed: checked once."""
        oms.enable(self.conf)
        guard = om_transport._get_transport
        calls = []

        def wrapper(*args, **kwargs):
            calls.append(args[1])
            return guard(*args, **kwargs)

        wrapper.__wrapped__ = guard
        om_transport._get_transport = wrapper
        self.addCleanup(setattr, om_transport, '_get_transport', guard)
        self.assertIs(wrapper, om_transport._get_transport)
        self.assertRaises(oms.UnsupportedDriver,
                          oslo_messaging.get_rpc_transport, self.conf,
                          UNKNOWN)
        self.assertEqual(1, self.log.output.count('ERROR Refusing'))

    def test_written_to_the_namespace(self):
        """Written behind the attribute's back: the guard comes back."""
        oms.enable(self.conf)
        self.addCleanup(setattr, om_transport, '_get_transport',
                        self.original)
        vars(om_transport)['_get_transport'] = self.original
        self.assertChecked()
        self.assertIn('the guard is back in front of it', self.log.output)
        self.assertTrue(oms.is_enabled())

    def test_lost_guard_is_reported(self):
        """The module's class set back and the hook replaced: said so."""
        oms.enable(self.conf)
        self.addCleanup(setattr, om_transport, '_get_transport',
                        self.original)
        om_transport.__class__ = types.ModuleType
        vars(om_transport)['_get_transport'] = self.original
        self.assertFalse(oms.is_enabled())
        self.assertFalse(oms.is_enabled())
        self.assertEqual(1, self.log.output.count(
            "WARNING The support policy's guard on oslo.messaging "
            "transports was lost"))
        oms.enable(self.conf)
        self.assertTrue(oms.is_enabled())
        self.assertChecked()


#: enable(), importlib.reload(oslo_messaging.transport), then each factory.
RELOAD = """
import importlib, json, logging, sys, warnings
warnings.simplefilter('ignore')
logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
from oslo_config import cfg
import oslo_messaging
from oslo_messaging import transport
import oslo_messaging_support as oms

conf = cfg.ConfigOpts()
conf([], project='service')
oms.enable(conf)
importlib.reload(transport)
outcome = {}
for name in ('get_rpc_transport', 'get_notification_transport',
             'get_transport'):
    try:
        getattr(oslo_messaging, name)(conf, 'mydriver://h/')
    except oms.UnsupportedDriver:
        outcome[name] = 'refused'
    except Exception as error:
        outcome[name] = type(error).__name__
outcome['enabled'] = oms.is_enabled()
oms.disable()
outcome['restored'] = (type(transport) is type(sys) and
                       type(transport._get_transport) is type(oms.enable))
print(json.dumps(outcome))
"""


class ReloadTest(base.TestCase):
    """importlib.reload(oslo_messaging.transport) keeps the guard."""

    def test_reload_after_enable(self):
        result = subprocess.run(
            [sys.executable, '-c', textwrap.dedent(RELOAD)],
            capture_output=True, text=True, timeout=120)
        self.assertEqual(0, result.returncode, result.stderr)
        self.assertEqual({'get_rpc_transport': 'refused',
                          'get_notification_transport': 'refused',
                          'get_transport': 'refused',
                          'enabled': True, 'restored': True},
                         json.loads(result.stdout))
        # the guard was put back in front of the reloaded function
        self.assertIn('importlib.reload()', result.stderr)


class ForeignOptionsTest(base.TestCase):
    """Options registered by other code with the wrong type: an error."""

    def setUp(self):
        super().setUp()
        self.addCleanup(oms.disable)
        self.conf = cfg.ConfigOpts()
        self.conf([], project='service')

    def register(self, *options):
        self.conf.register_opts(options, group=opts.GROUP)

    def test_string_allow_unsupported_drivers(self):
        """'false' in a StrOpt would read as true."""
        self.register(
            cfg.StrOpt('allow_unsupported_drivers'),
            cfg.ListOpt('allowed_drivers', default=[]),
            cfg.BoolOpt('strict_mode', default=False),
            cfg.StrOpt('manifest_overlay'),
            cfg.StrOpt('evaluation_release'))
        self.conf.set_override('allow_unsupported_drivers', 'false',
                               opts.GROUP)
        error = self.assertRaises(oms.SupportPolicyError, oms.enable,
                                  self.conf)
        self.assertIn('[oslo_messaging_support] allow_unsupported_drivers '
                      'holds a str, not a boolean', str(error))
        self.assertFalse(oms.is_enabled())
        # the drop-in loaders refuse to guess too
        self.assertRaises(oms.SupportPolicyError, oms.get_rpc_transport,
                          self.conf, UNKNOWN)

    def test_string_allowed_drivers(self):
        """A StrOpt 'mydriver' would read as the letters m, y, d, ..."""
        self.register(cfg.StrOpt('allowed_drivers'),
                      cfg.BoolOpt('allow_unsupported_drivers',
                                  default=False),
                      cfg.BoolOpt('strict_mode', default=False),
                      cfg.StrOpt('manifest_overlay'),
                      cfg.StrOpt('evaluation_release'))
        self.conf.set_override('allowed_drivers', 'mydriver', opts.GROUP)
        error = self.assertRaises(oms.SupportPolicyError, oms.enable,
                                  self.conf)
        self.assertIn('allowed_drivers holds a str, not a list', str(error))

    def test_integer_strict_mode(self):
        self.register(cfg.IntOpt('strict_mode', default=0),
                      cfg.BoolOpt('allow_unsupported_drivers',
                                  default=False),
                      cfg.ListOpt('allowed_drivers', default=[]),
                      cfg.StrOpt('manifest_overlay'),
                      cfg.StrOpt('evaluation_release'))
        self.assertRaises(oms.SupportPolicyError, oms.enable, self.conf)

    def test_one_foreign_option_among_ours(self):
        self.register(cfg.StrOpt('allow_unsupported_drivers'))
        error = self.assertRaises(oms.SupportPolicyError, oms.enable,
                                  self.conf)
        self.assertIn('allow_unsupported_drivers is already registered',
                      str(error))

    def test_the_library_own_options_pass(self):
        opts.register_opts(self.conf)
        self.conf.set_override('allow_unsupported_drivers', 'false',
                               opts.GROUP)
        oms.enable(self.conf)
        self.assertRaises(oms.UnsupportedDriver,
                          oslo_messaging.get_rpc_transport, self.conf,
                          UNKNOWN)


class ShiftyTransportURL(om_transport.TransportURL):
    """A TransportURL whose scheme is 'fake' once, then something else."""

    def __init__(self, conf, later):
        super().__init__(conf, hosts=[])
        self.reads = 0
        self.later = later

    @property
    def transport(self):
        self.reads += 1
        return 'fake' if self.reads == 1 else self.later

    @transport.setter
    def transport(self, value):
        pass


class SlyScheme(str):
    """A scheme whose ``split`` says 'fake' once, then something else."""

    calls = 0

    def split(self, *args, **kwargs):
        type(self).calls += 1
        return ['fake' if type(self).calls == 1 else 'mydriver']


class DecidedOnceTest(base.ServiceConfTestCase):
    """The driver that loads is the driver that was checked."""

    def setUp(self):
        super().setUp()
        self.addCleanup(oms.disable)
        # as a service logs: a supported driver takes the shortest way
        self.useFixture(fixtures.FakeLogger(name=base.LOGGER,
                                            level=logging.INFO))

    def assertLoadsFake(self, factory, url):
        transport = factory(self.conf, url)
        self.addCleanup(transport.cleanup)
        self.assertEqual('FakeDriver', type(transport._driver).__name__)

    def test_enabled_guard(self):
        oms.enable(self.conf)
        self.assertLoadsFake(oslo_messaging.get_rpc_transport,
                             ShiftyTransportURL(self.conf, 'mydriver'))

    def test_drop_in(self):
        self.assertLoadsFake(oms.get_rpc_transport,
                             ShiftyTransportURL(self.conf, 'mydriver'))

    def test_str_subclass_scheme(self):
        oms.enable(self.conf)
        url = om_transport.TransportURL(self.conf, transport=SlyScheme(
            'mydriver'))
        SlyScheme.calls = 0
        self.assertRaises(oms.UnsupportedDriver,
                          oslo_messaging.get_rpc_transport, self.conf, url)

    def test_url_that_parses_the_second_time(self):
        """A URL that did not parse is refused, never parsed again."""
        oms.enable(self.conf)
        real = om_transport.TransportURL.parse.__func__
        answers = iter([ValueError('Port could not be cast'), None])

        def parse(cls, conf, url=None):
            answer = next(answers, None)
            if answer is not None:
                raise answer
            return real(cls, conf, UNKNOWN)

        self.useFixture(fixtures.MonkeyPatch(
            'oslo_messaging.transport.TransportURL.parse',
            classmethod(parse)))
        self.assertRaises(oslo_messaging.InvalidTransportURL,
                          oslo_messaging.get_rpc_transport, self.conf,
                          'rabbit://h:port/')

    def test_scheme_that_is_not_a_string(self):
        url = om_transport.TransportURL(self.conf)
        url.transport = fixtures_support
        self.assertRaises(oslo_messaging.InvalidTransportURL,
                          oms.get_rpc_transport, self.conf, url)

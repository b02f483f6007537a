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
"""The gate cannot be opened: one check per transport, whatever the path.

One test class per way the gate was found open or checking twice (issue
11, items 1 to 5): eventlet patched after import, two configurations,
the public factory swapped in place, warnings as errors, and ``disable()``
under a mock.
"""

import json
import os
import subprocess
import sys
import textwrap
from unittest import mock
import warnings

import fixtures
import hypothesis
from hypothesis import strategies as st
from oslo_config import cfg
import oslo_messaging
from oslo_messaging import transport as om_transport

import oslo_messaging_support as oms
from oslo_messaging_support import opts
from tests import fixtures_support
from tests.unit.hardening import base

HERE = os.path.dirname(os.path.abspath(__file__))

#: A driver that yields to other greenthreads while it is created.
SLOW_DRIVER = """
import time

from oslo_messaging._drivers import impl_fake

CREATING = 0


class SlowDriver(impl_fake.FakeDriver):
    def __init__(self, *args, **kwargs):
        global CREATING
        CREATING += 1
        try:
            time.sleep(0.005)
        finally:
            CREATING -= 1
        super().__init__(*args, **kwargs)
"""


class GateTestCase(base.HardeningTestCase):

    def setUp(self):
        super().setUp()
        self.addCleanup(oms.disable)

    def count_decisions(self):
        """Record the driver of every decision the policy makes."""
        calls = []
        real = oms.SupportPolicy.decide

        def counting(policy, name, *args, **kwargs):
            calls.append(name)
            return real(policy, name, *args, **kwargs)

        self.useFixture(fixtures.MonkeyPatch(
            'oslo_messaging_support.SupportPolicy.decide', counting))
        return calls

    def other_conf(self, **overrides):
        conf = cfg.ConfigOpts()
        conf([], project='other')
        opts.register_opts(conf)
        for name, value in overrides.items():
            conf.set_override(name, value, opts.GROUP)
        return conf

    def refusals(self):
        return self.log.output.count('ERROR Refusing')


class EventletImportedFirstTest(base.HardeningTestCase):
    """Item 1: imported before ``monkey_patch()``, the gate holds."""

    def test_plain_calls_are_checked_while_a_drop_in_yields(self):
        drivers = os.path.join(self.tempdir, 'drivers')
        os.makedirs(drivers)
        with open(os.path.join(drivers, 'slow_driver.py'), 'w') as stream:
            stream.write(textwrap.dedent(SLOW_DRIVER))
        fixtures_support.make_private_driver(
            drivers, name='slow', target='slow_driver:SlowDriver',
            distribution='slow-driver')
        fixtures_support.make_private_driver(drivers)
        result = subprocess.run(
            [sys.executable, '-W', 'ignore::DeprecationWarning',
             os.path.join(HERE, '_green_fail_open.py'), drivers],
            capture_output=True, text=True, timeout=300)
        self.assertEqual(0, result.returncode, result.stderr[-3000:])
        summary = json.loads(result.stdout)
        self.assertTrue(summary['patched'])
        self.assertEqual([], summary['unexpected'])
        # the plain calls did run while a drop-in creation was under way
        self.assertGreater(summary['inside'], 0)
        self.assertEqual(['refused'] * 32, summary['plain'])


class TwoConfigurationsTest(GateTestCase):
    """Item 2: with ``enable(A)``, every transport passes A's policy."""

    def test_drop_in_with_a_lenient_conf_obeys_the_enabled_strict_one(self):
        oms.enable(self.other_conf(strict_mode=True))
        error = self.assertRaises(oms.UnsupportedDriver,
                                  oms.get_notification_transport, self.conf,
                                  'kafka://h/')
        self.assertIn('strict_mode', str(error))
        # and plain oslo.messaging says the same
        self.assertRaises(oms.UnsupportedDriver,
                          oslo_messaging.get_notification_transport,
                          self.conf, 'kafka://h/')

    def test_the_drop_ins_own_strict_conf_still_applies(self):
        oms.enable(self.other_conf())
        self.set('strict_mode', True)
        self.assertRaises(oms.UnsupportedDriver,
                          oms.get_notification_transport, self.conf,
                          'kafka://h/')

    def test_one_decision_each_when_the_conf_is_the_enabled_one(self):
        oms.enable(self.conf)
        calls = self.count_decisions()
        oms.get_rpc_transport(self.conf, 'fake://').cleanup()
        self.assertEqual(['fake'], calls)


class SwappedFactoryTest(GateTestCase):
    """Item 3: ``oslo_messaging.get_rpc_transport = ours`` is safe."""

    def swap(self):
        self.useFixture(fixtures.MonkeyPatch(
            'oslo_messaging.get_rpc_transport', oms.get_rpc_transport))
        self.useFixture(fixtures.MonkeyPatch(
            'oslo_messaging.get_notification_transport',
            oms.get_notification_transport))

    def check_swapped(self):
        calls = self.count_decisions()
        transport = oslo_messaging.get_rpc_transport(self.conf, 'fake://')
        transport.cleanup()
        self.assertIs(om_transport.RPCTransport, type(transport))
        oslo_messaging.get_notification_transport(self.conf,
                                                  'fake://').cleanup()
        self.assertEqual(['fake', 'fake'], calls)
        self.assertRaises(oms.UnsupportedDriver,
                          oslo_messaging.get_rpc_transport, self.conf,
                          'mydriver://h/')
        self.assertEqual(1, self.refusals())

    def test_swapped(self):
        self.swap()
        self.check_swapped()

    def test_swapped_and_enabled(self):
        self.swap()
        oms.enable(self.conf)
        self.check_swapped()


class WarningsAsErrorsTest(GateTestCase):
    """Item 4: a warning turned into an error raises on every creation."""

    def test_every_creation_raises_until_the_warning_is_seen(self):
        self.overlay(fixtures_support.FAKE_DEPRECATED)
        for factory in (oms.get_rpc_transport, oms.get_notification_transport,
                        oms.get_rpc_transport):
            with warnings.catch_warnings():
                warnings.simplefilter('error', oms.DriverSupportWarning)
                self.assertRaises(oms.DeprecatedDriverWarning, factory,
                                  self.conf, 'fake://')
        # once the warning was emitted, the driver is reported
        _, caught = self.create(oms.get_rpc_transport, 'fake://')
        self.assertEqual([oms.DeprecatedDriverWarning],
                         [w.category for w in caught])
        _, caught = self.create(oms.get_rpc_transport, 'fake://')
        self.assertEqual([], caught)

    def test_enabled_process_too(self):
        self.overlay(fixtures_support.FAKE_DEPRECATED)
        oms.enable(self.conf)
        for _ in range(3):
            with warnings.catch_warnings():
                warnings.simplefilter('error', oms.DriverSupportWarning)
                self.assertRaises(oms.DeprecatedDriverWarning,
                                  oslo_messaging.get_rpc_transport,
                                  self.conf, 'fake://')


class MockedHookTest(GateTestCase):
    """Item 5: ``enable()``/``disable()`` under ``mock.patch``."""

    def setUp(self):
        super().setUp()
        self.original = om_transport._get_transport

    def check_once(self):
        calls = self.count_decisions()
        self.assertRaises(oms.UnsupportedDriver,
                          oslo_messaging.get_rpc_transport, self.conf,
                          'mydriver://h/')
        self.assertEqual(['mydriver'], calls)
        self.assertEqual(1, self.refusals())

    def test_disable_while_wrapped_then_enable(self):
        oms.enable(self.conf)
        with mock.patch.object(om_transport, '_get_transport',
                               wraps=om_transport._get_transport):
            oms.disable()
            self.assertFalse(oms.is_enabled())
            # inert while disabled, even where it is still wrapped
            self.assertRaises(oslo_messaging.DriverLoadFailure,
                              oslo_messaging.get_rpc_transport, self.conf,
                              'mydriver://h/')
            self.assertEqual(0, self.refusals())
        oms.enable(self.conf)
        self.assertTrue(oms.is_enabled())
        self.check_once()
        oms.disable()
        self.assertIs(self.original, om_transport._get_transport)

    def test_enable_twice_under_a_mock(self):
        with mock.patch.object(om_transport, '_get_transport',
                               wraps=self.original):
            oms.enable(self.conf)
            oms.disable()
            oms.enable(self.conf)
            oms.enable(self.conf)
            self.check_once()

    def test_a_mock_that_ends_does_not_open_the_gate(self):
        """enable() inside a patch; the patch ends; enable() again."""
        with mock.patch.object(om_transport, '_get_transport',
                               wraps=self.original):
            oms.enable(self.conf)
        # the patch put the original back: the guard stays in front of it
        self.assertIs(self.original,
                      om_transport._get_transport.__wrapped__)
        self.assertTrue(oms.is_enabled())
        oms.enable(self.conf)
        self.assertIs(self.original,
                      om_transport._get_transport.__wrapped__)
        self.check_once()

    def test_drop_in_does_not_call_a_mocked_hook_twice(self):
        oms.enable(self.conf)
        with mock.patch.object(om_transport, '_get_transport',
                               wraps=om_transport._get_transport) as hook:
            calls = self.count_decisions()
            oms.get_rpc_transport(self.conf, 'fake://').cleanup()
        self.assertEqual(['fake'], calls)
        hook.assert_not_called()


class EnableDisableOrderTest(GateTestCase):
    """Any order of enable, disable and wrapping mocks: never twice."""

    @hypothesis.settings(max_examples=60, deadline=None, derandomize=True,
                         database=None, suppress_health_check=[
                             hypothesis.HealthCheck.function_scoped_fixture])
    @hypothesis.given(st.lists(st.sampled_from(
        ['enable', 'disable', 'patch', 'unpatch']), max_size=8),
        st.sampled_from(['enable', 'disable']))
    def test_any_order(self, operations, last):
        patches = []
        try:
            for operation in operations + [last]:
                if operation == 'enable':
                    oms.enable(self.conf)
                elif operation == 'disable':
                    oms.disable()
                elif operation == 'patch':
                    patch = mock.patch.object(
                        om_transport, '_get_transport',
                        wraps=om_transport._get_transport)
                    patch.start()
                    patches.append(patch)
                elif patches:
                    patches.pop().stop()
            before = self.refusals()
            self.assertRaises(oslo_messaging.DriverLoadFailure,
                              oslo_messaging.get_rpc_transport, self.conf,
                              'mydriver://h/')
            self.assertEqual(1 if last == 'enable' else 0,
                             self.refusals() - before, operations)
            self.assertEqual(last == 'enable', oms.is_enabled())
        finally:
            oms.disable()
            while patches:
                patches.pop().stop()

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
"""64 threads create transports at once, from a cold start.

The drivers are of mixed tiers: ``fake`` is deprecated by an overlay, a
private driver is allowed by ``allowed_drivers``, ``amqp`` and an unknown
driver are refused, ``rabbit`` is supported (its transport does not
connect until used).
"""

import collections
import threading
import warnings

from oslo_config import cfg
import oslo_messaging
from oslo_messaging import transport as om_transport

import oslo_messaging_support as oms
from oslo_messaging_support import opts
from tests import fixtures_support
from tests.unit.hardening import base

THREADS = 64

#: URL -> what the thread must get: the warning category it causes (once
#: per process), None for a silent load, or UnsupportedDriver.
CASES = (
    ('fake://', oms.DeprecatedDriverWarning),
    ('private://', oms.UnsupportedDriverAllowedWarning),
    ('amqp://guest:guest@127.0.0.1:5672/', oms.UnsupportedDriver),
    ('rabbit://guest:guest@127.0.0.1:5672/', None),
    ('mydriver://h/', oms.UnsupportedDriver),
)


def run_threads(create, count=THREADS):
    """Run ``create(case)`` in ``count`` threads released together.

    :returns: ``([(case, outcome)], [unexpected exceptions])``
    """
    barrier = threading.Barrier(count)
    outcomes = []
    unexpected = []
    lock = threading.Lock()

    def work(case):
        try:
            barrier.wait(60)
            try:
                outcome = create(case[0])
            except oms.UnsupportedDriver as exc:
                outcome = exc
            with lock:
                outcomes.append((case, outcome))
        except BaseException as exc:  # everything else is a failure
            with lock:
                unexpected.append(exc)

    threads = [threading.Thread(target=work, args=(CASES[i % len(CASES)],))
               for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return outcomes, unexpected


class ConcurrentCreationTest(base.HardeningTestCase):

    def setUp(self):
        super().setUp()
        self.install_private_driver()
        self.overlay(fixtures_support.FAKE_DEPRECATED)
        self.set('allowed_drivers', ['private'])
        self.forget_calendar()

    def check(self, outcomes, unexpected, caught):
        self.assertEqual([], unexpected)
        self.assertEqual(THREADS, len(outcomes))
        for (url, expected), outcome in outcomes:
            if expected is oms.UnsupportedDriver:
                self.assertIsInstance(outcome, oms.UnsupportedDriver, url)
                self.assertEqual(url.split(':')[0], outcome.driver)
            else:
                self.assertIs(om_transport.RPCTransport, type(outcome), url)
                outcome.cleanup()
        # each warning exactly once, in both channels
        categories = collections.Counter(w.category for w in caught)
        self.assertEqual({oms.DeprecatedDriverWarning: 1,
                          oms.UnsupportedDriverAllowedWarning: 1},
                         dict(categories))
        output = self.log.output
        self.assertEqual(1, output.count("WARNING Transport driver 'fake'"))
        self.assertEqual(1, output.count(
            "WARNING Transport driver 'private'"))
        self.assertEqual(2, output.count('WARNING Transport driver'))
        # a refusal is logged every time it happens
        refused = sum(1 for (_, expected), _ in outcomes
                      if expected is oms.UnsupportedDriver)
        self.assertEqual(refused, output.count('ERROR Refusing'))
        self.assertNotIn('Traceback', output)

    def test_drop_in_loaders(self):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter('always')
            outcomes, unexpected = run_threads(
                lambda url: oms.get_rpc_transport(self.conf, url))
        self.check(outcomes, unexpected, caught)

    def test_enabled_process(self):
        """Unmodified oslo.messaging calls after enable()."""
        self.addCleanup(oms.disable)
        oms.enable(self.conf)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter('always')
            outcomes, unexpected = run_threads(
                lambda url: oslo_messaging.get_rpc_transport(self.conf, url))
        self.check(outcomes, unexpected, caught)

    def test_decisions_do_not_leak_between_settings(self):
        """Services with different settings, one process, same moment."""
        strict = cfg.ConfigOpts()
        strict([], project='strict')
        opts.register_opts(strict)
        strict.set_override('manifest_overlay',
                            self.conf.oslo_messaging_support.manifest_overlay,
                            opts.GROUP)
        strict.set_override('strict_mode', True, opts.GROUP)
        barrier = threading.Barrier(THREADS)
        results = []

        def create(conf, name):
            barrier.wait(60)
            try:
                oms.get_rpc_transport(conf, 'fake://').cleanup()
                results.append((name, 'loaded'))
            except oms.UnsupportedDriver as exc:
                results.append((name, 'refused: %s' % exc.decision.tier))

        threads = [threading.Thread(target=create, args=(
            (strict, 'strict') if i % 2 else (self.conf, 'default')))
            for i in range(THREADS)]
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(120)
        self.assertEqual(
            {('strict', 'refused: deprecated'): THREADS // 2,
             ('default', 'loaded'): THREADS // 2},
            dict(collections.Counter(results)))

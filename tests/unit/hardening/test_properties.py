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
"""Properties over generated input, bounded to stay fast on 2 cores."""

import os
import string
import warnings

import hypothesis
from hypothesis import strategies as st
import oslo_messaging
import yaml

import oslo_messaging_support as oms
from oslo_messaging_support.service import masking
from tests.unit.hardening import base

SETTINGS = hypothesis.settings(
    max_examples=60, deadline=2000, derandomize=True, database=None,
    suppress_health_check=[hypothesis.HealthCheck.too_slow,
                           hypothesis.HealthCheck.function_scoped_fixture])

_NAME = st.text(string.ascii_lowercase + string.digits + '_.-+',
                min_size=1, max_size=12)
# passwords as operators write them: anything printable, specials included
_PASSWORD = st.text(string.ascii_letters + string.digits +
                    '!#$%&()*+,-./:;<=>?@[]^_{|}~', min_size=6,
                    max_size=24)
_HOST = st.sampled_from(['h', 'host.example', '10.0.0.1', '[::1]',
                         '[fe80::1]'])


class TransportURLPropertyTest(base.HardeningTestCase):

    @SETTINGS
    @hypothesis.given(st.text(max_size=80))
    def test_any_text_is_a_transport_or_a_documented_error(self, url):
        hypothesis.assume('\x00' not in url)  # see test_corpus
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            try:
                oms.get_rpc_transport(self.conf, url).cleanup()
            except (oms.UnsupportedDriver,
                    oslo_messaging.InvalidTransportURL, ValueError):
                # ValueError: what oslo.messaging raises itself for a
                # port that is not a number or a broken IPv6 address
                pass

    @SETTINGS
    @hypothesis.given(_NAME, _NAME)
    def test_decision_follows_the_part_before_plus(self, driver, rest):
        hypothesis.assume(not driver.startswith(('+', '.', '-')))
        head = driver.split('+')[0]
        url = '%s+%s://h/' % (driver, rest)
        expected = oms.evaluate(head)
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            try:
                oms.get_rpc_transport(self.conf, url).cleanup()
                action = 'load'
            except oms.UnsupportedDriver as exc:
                action = 'refuse'
                self.assertEqual(head, exc.driver)
            except oslo_messaging.InvalidTransportURL:
                return
        self.assertEqual(expected.action == 'refuse', action == 'refuse',
                         url)


class MaskingPropertyTest(base.HardeningTestCase):

    @SETTINGS
    @hypothesis.given(st.lists(st.tuples(_PASSWORD, _HOST), min_size=1,
                               max_size=3),
                      st.sampled_from(['rabbit', 'amqp', 'kombu+amqp']))
    def test_no_password_survives_masking(self, hosts, scheme):
        from urllib import parse
        netloc = ','.join('nova:%s@%s:5672' % (parse.quote(pw, safe=''), h)
                          for pw, h in hosts)
        url = '%s://%s/vhost' % (scheme, netloc)
        masked = masking.mask_url(url)
        for password, _ in hosts:
            self.assertNotIn(parse.quote(password, safe=''), masked)
            self.assertNotIn(password, masked)
        self.assertEqual(len(hosts), masked.count('nova:***@'))


class OverlayPropertyTest(base.HardeningTestCase):

    def unique_path(self):
        # a new file per example: the manifest cache keys on the path
        self.examples = getattr(self, 'examples', 0) + 1
        return os.path.join(self.tempdir, 'overlay-%d.yaml' % self.examples)

    @SETTINGS
    @hypothesis.given(st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=8) |
        st.sampled_from(['fake', 'rabbit', 'supported', 'removed', '2025.1',
                         'lifecycle', 'usage', 'rpc', 'x:Y']),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
            st.sampled_from(['drivers', 'fake', 'new', 'lifecycle', 'usage',
                             'series', 'status', 'date', 'aliases',
                             'entry_point', 'replacement', 'evidence',
                             'coverage', 'result']), inner, max_size=4),
        max_leaves=12))
    def test_any_yaml_is_a_manifest_or_a_manifest_error(self, data):
        path = self.unique_path()
        with open(path, 'w', encoding='utf-8') as stream:
            yaml.safe_dump(data, stream)
        try:
            manifest = oms.get_manifest(path)
        except oms.ManifestError as exc:
            self.assertTrue(str(exc).startswith(path), str(exc))
            self.assertEqual(1, len(str(exc).splitlines()))
        else:
            # a valid overlay: every driver has a decision
            for name in manifest.names():
                self.assertIn(oms.evaluate(name, overlay=path).action,
                              ('load', 'warn', 'refuse'))

    @SETTINGS
    @hypothesis.given(st.binary(max_size=200))
    def test_any_bytes_are_a_manifest_or_a_manifest_error(self, data):
        path = self.unique_path()
        with open(path, 'wb') as stream:
            stream.write(data)
        try:
            oms.get_manifest(path)
        except oms.ManifestError as exc:
            self.assertTrue(str(exc).startswith(path), str(exc))

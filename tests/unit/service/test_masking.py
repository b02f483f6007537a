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

from oslo_config import cfg
import oslo_messaging

from oslo_messaging_support.service import masking
from tests import base


class MaskUrlTest(base.TestCase):
    """Passwords never survive masking, whatever they hold."""

    def test_several_hosts(self):
        self.assertEqual(
            'rabbit://nova:***@h1:5672,nova:***@h2:5672/vh',
            masking.mask_url('rabbit://nova:s3cr3t@h1:5672,'
                             'nova:0th3r@h2:5672/vh'))

    def test_special_characters(self):
        for password in ('p@ss', 'p:ss', 'pa/ss', 'p?ss', 'p#ss',
                         'p%40ss', 'pä$$'):
            url = 'rabbit://user:%s@host:5672/' % password
            masked = masking.mask_url(url)
            self.assertNotIn(password, masked)
            self.assertTrue(masked.startswith('rabbit://user:***@'), masked)

    def test_query_secrets(self):
        masked = masking.mask_url(
            'rabbit://h/?ssl=1&ssl_key_password=abc&password=zz')
        self.assertNotIn('abc', masked)
        self.assertNotIn('zz', masked)
        self.assertIn('ssl=1', masked)

    def test_no_credentials_unchanged(self):
        for url in ('fake://', 'kafka://h:9092', 'rabbit://[::1]:5672/'):
            self.assertEqual(url, masking.mask_url(url))

    def test_no_scheme(self):
        """A URL oslo.messaging refuses is masked all the same."""
        for url in ('//user:pw@host/', 'user:pw@host', '://user:pw@host/'):
            masked = masking.mask_url(url)
            self.assertNotIn('pw', masked)
            self.assertIn('user:***@host', masked)

    def test_transport_url_object(self):
        """Its fields may be pieces of a password: the driver alone."""
        conf = cfg.ConfigOpts()
        url = oslo_messaging.TransportURL.parse(conf, 'rabbit://u:pw@h/')
        self.assertEqual('rabbit://***', masking.mask_url(url))

    def test_user_name_with_at(self):
        """The password starts after the first ':' of the credentials."""
        self.assertEqual('rabbit://user@corp:***@h/',
                         masking.mask_url('rabbit://user@corp:PW@h/'))

    def test_unencoded_comma_in_the_password(self):
        """A raw ',' splits the host list: every reading is masked."""
        for url in ('rabbit://u:pa,ss@h/', 'rabbit://u:12,34@h:5672/'):
            masked = masking.mask_url(url)
            self.assertTrue(masked.startswith('rabbit://u:***@h'), masked)
            for part in ('pa', 'ss', '12', '34'):
                self.assertNotIn(part, masked.replace('rabbit', ''))

    def test_password_equal_to_a_word(self):
        """Nothing is searched: a password 'supported' masks only itself."""
        self.assertEqual('rabbit://nova:***@supported/',
                         masking.mask_url('rabbit://nova:supported@'
                                          'supported/'))

    def test_fragment_and_query_tail(self):
        masked = masking.mask_url('rabbit://h/v?password=ab&cd#ef')
        self.assertEqual('rabbit://h/v?password=***&***#***', masked)

    def test_query_secret_with_at(self):
        masked = masking.mask_url('rabbit://h/?password=x@y')
        self.assertNotIn('x', masked.replace('***', ''))


class LazyImportTest(base.TestCase):

    def test_oslo_utils_only_when_a_query_is_printed(self):
        import subprocess
        import sys
        code = ('import sys;'
                ' from oslo_messaging_support.service import masking;'
                " masking.mask_url('rabbit://u:p@h/');"
                " print('oslo_utils' in sys.modules);"
                " masking.mask_url('rabbit://h/?password=x');"
                " print('oslo_utils' in sys.modules)")
        result = subprocess.run([sys.executable, '-c', code],
                                capture_output=True, text=True, timeout=60)
        self.assertEqual(['False', 'True'], result.stdout.split(),
                         result.stderr)

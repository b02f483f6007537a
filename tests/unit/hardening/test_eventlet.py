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
"""The same 64 concurrent creations in an eventlet-patched service.

Monkey-patching cannot be undone in a process, so the service runs in a
subprocess (``_green_service.py``).
"""

import collections
import json
import os
import subprocess
import sys

from tests import fixtures_support
from tests.unit.hardening import base

SERVICE = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                       '_green_service.py')


class EventletTest(base.HardeningTestCase):

    def run_service(self, mode):
        overlay = self.write_file('overlay.yaml',
                                  fixtures_support.FAKE_DEPRECATED)
        drivers = os.path.join(self.tempdir, 'drivers')
        fixtures_support.make_private_driver(drivers)
        result = subprocess.run(
            [sys.executable, '-W', 'ignore::DeprecationWarning', SERVICE,
             mode, overlay, drivers],
            capture_output=True, text=True, timeout=300)
        self.assertEqual(0, result.returncode, result.stderr)
        self.assertNotIn('Traceback', result.stderr)
        return json.loads(result.stdout)

    def check(self, summary):
        self.assertTrue(summary['patched'])
        self.assertEqual([], summary['unexpected'])
        outcomes = collections.Counter(
            (url.split(':')[0], outcome)
            for url, outcome, _ in summary['outcomes'])
        # 64 greenthreads over 5 URLs: 13, 13, 13, 13, 12
        self.assertEqual({('fake', 'RPCTransport'): 13,
                          ('private', 'RPCTransport'): 13,
                          ('amqp', 'refused'): 13,
                          ('rabbit', 'RPCTransport'): 13,
                          ('mydriver', 'refused'): 12}, dict(outcomes))
        self.assertEqual(['DeprecatedDriverWarning',
                          'UnsupportedDriverAllowedWarning'],
                         sorted(summary['warnings']))
        log = summary['log']
        self.assertEqual(1, log.count("WARNING Transport driver 'fake'"))
        self.assertEqual(1, log.count("WARNING Transport driver 'private'"))
        self.assertEqual(25, log.count('ERROR Refusing'))

    def test_drop_in_loaders(self):
        self.check(self.run_service('drop-in'))

    def test_enabled_process(self):
        self.check(self.run_service('enable'))

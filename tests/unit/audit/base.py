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
"""Shared helpers of the audit tests: fixture paths and a CLI runner."""

import os


from tests import base

FIXTURES = os.path.join(os.path.dirname(__file__), 'fixtures')
#: Excerpts of the real oslo.messaging 18.3.1 sdist.
SDIST = os.path.join(FIXTURES, 'oslo.messaging-18.3.1')


def fixture(name):
    """The path of a fixture file."""
    return os.path.join(FIXTURES, name)


class AuditTestCase(base.CommandTestCase):
    """A test that can run the command line."""

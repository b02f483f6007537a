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
"""The operator's settings that change an action, as a value.

Its own module so that reading a service's configuration does not load
the policy engine (:mod:`.rules` applies the settings).
"""

from oslo_messaging_support.engine import records


class Settings(records.Record):
    """The operator's choices that change an action.

    :ivar allow_unsupported: load every unsupported driver, with a warning
    :ivar allowed_drivers: driver names allowed whatever their tier (but
        removed), and exempt from strict mode
    :ivar strict: refuse prospective and deprecated drivers too
    """

    __slots__ = ('allow_unsupported', 'allowed_drivers', 'strict')
    _defaults = {'allow_unsupported': False, 'allowed_drivers': frozenset(),
                 'strict': False}

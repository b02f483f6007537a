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
"""Test helpers shared by the unit and functional tests."""

import os
import textwrap

#: An overlay that makes the in-memory fake driver deprecated, so that
#: warnings can be tested without a broker.
FAKE_DEPRECATED = """
drivers:
  fake:
    replacement: rabbit
    lifecycle:
      - {series: icehouse, status: supported}
      - {series: 2025.2, status: deprecated}
"""

#: An overlay that makes the fake driver prospective.
FAKE_PROSPECTIVE = """
drivers:
  fake:
    lifecycle:
      - {series: 2026.2, status: prospective, date: 2026-10-15}
"""


#: The genuine amqp driver's entry point (oslo.messaging up to 14.x).
AMQP_TARGET = 'oslo_messaging._drivers.impl_amqp1:ProtonDriver'

#: The in-memory driver's class, the target of a made-up private driver.
FAKE_TARGET = 'oslo_messaging._drivers.impl_fake:FakeDriver'


def make_private_driver(directory, name='private', target=FAKE_TARGET,
                        distribution='private-messaging-driver'):
    """Install a private driver as a real distribution in ``directory``.

    Writes a ``.dist-info`` with an ``oslo.messaging.drivers`` entry point,
    the way ``pip install`` of a private package would; add ``directory``
    to ``sys.path`` (or ``PYTHONPATH``) to make it visible.

    :returns: ``directory``
    """
    dist_info = os.path.join(directory, '%s-1.0.dist-info'
                             % distribution.replace('-', '_'))
    os.makedirs(dist_info, exist_ok=True)
    with open(os.path.join(dist_info, 'METADATA'), 'w') as stream:
        stream.write('Metadata-Version: 2.1\nName: %s\nVersion: 1.0\n'
                     % distribution)
    with open(os.path.join(dist_info, 'entry_points.txt'), 'w') as stream:
        stream.write(textwrap.dedent("""\
            [oslo.messaging.drivers]
            %s = %s
            """ % (name, target)))
    return directory

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
"""``myservice-status``: an upgrade check program with the drivers check.

Run it as a service's status command::

    python upgrade_check_example.py --config-file myservice.conf \\
        upgrade check [--json]

Exit status: 0 success, 1 warning, 2 failure (oslo.upgradecheck's
``Code``).  To check against the series you are upgrading to before the
new code is installed, set ``[oslo_messaging_support]
evaluation_release``, for example to ``2027.1``.
"""

import sys

from oslo_config import cfg
from oslo_upgradecheck import upgradecheck

from oslo_messaging_support import upgradecheck as messaging_check

CONF = cfg.CONF


class Checks(upgradecheck.UpgradeCommands):
    """The upgrade checks of myservice."""

    _upgrade_checks = (
        messaging_check.upgrade_check(CONF),
    )


def main(argv=None):
    """Parse the command line and run the requested command."""
    return upgradecheck.main(
        CONF, project='myservice', upgrade_command=Checks(),
        argv=sys.argv[1:] if argv is None else argv)


if __name__ == '__main__':
    sys.exit(main())

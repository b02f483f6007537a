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
"""The ``oslo-messaging-support`` command."""

import sys
import warnings

# An application may choose its warning filters; a library may not.  The
# eventlet notice that oslo.messaging's imports trigger says nothing to an
# operator running this tool.
warnings.filterwarnings('ignore', message=r'\s*Eventlet is deprecated')

from cliff import app  # noqa: E402
from cliff import commandmanager  # noqa: E402

import oslo_messaging_support  # noqa: E402


class SupportApp(app.App):
    """Operator tools for the supported messaging drivers policy."""

    #: The name in messages, however the command was started.
    NAME = 'oslo-messaging-support'

    def __init__(self):
        super().__init__(
            description=__doc__.strip() if __doc__ else None,
            version=oslo_messaging_support.__version__,
            command_manager=commandmanager.CommandManager(
                'oslo_messaging_support.commands'),
            deferred_help=True)


def main(argv=None):
    """Run the command line; returns the exit status."""
    return SupportApp().run(sys.argv[1:] if argv is None else argv)


if __name__ == '__main__':  # pragma: no cover
    sys.exit(main())

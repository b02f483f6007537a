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

from cliff import app
from cliff import commandmanager

import oslo_messaging_support


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
    """Run the command line; returns the exit status.

    oslo.messaging is imported only once a command runs (the package's
    names are lazy), and the eventlet notice its imports print says nothing
    to an operator: it is silenced for the duration of the command only,
    so that a process calling :func:`main` keeps its warning filters.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings('ignore', message=r'\s*Eventlet is deprecated')
        return SupportApp().run(sys.argv[1:] if argv is None else argv)


if __name__ == '__main__':  # pragma: no cover
    sys.exit(main())

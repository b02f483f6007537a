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

#: Warnings of the libraries below the command that say nothing to an
#: operator: deprecations of eventlet and of modules oslo.messaging
#: imports.
QUIET_CATEGORIES = (DeprecationWarning, PendingDeprecationWarning)


def _quiet_third_party_warnings():
    for category in QUIET_CATEGORIES:
        warnings.filterwarnings('ignore', category=category)
    # eventlet's own notice is a plain Warning subclass.
    warnings.filterwarnings('ignore', message=r'\s*Eventlet is deprecated')


def main(argv=None):
    """Run the command line; returns the exit status.

    oslo.messaging is imported only once a command runs, and the
    deprecation notices its imports print (of eventlet and oslo.service
    modules) say nothing to an operator: they are silenced for the
    duration of the command only, so that a process calling :func:`main`
    keeps its warning filters.  A usage error (a bad option, an unknown
    command or column), an input error and any unexpected error are one
    line on standard error and exit status 255; see
    :class:`~oslo_messaging_support.cmd._common.ExitStatus`.
    """
    with warnings.catch_warnings():
        _quiet_third_party_warnings()
        from oslo_messaging_support.cmd import _app
        from oslo_messaging_support.cmd import _common

        argv = sys.argv[1:] if argv is None else list(argv)
        try:
            return int(_app.SupportApp().run(argv))
        except SystemExit as exc:
            # argparse's exit: --help, --version, or a usage error that
            # has been reported in one line.
            if exc.code is None or isinstance(exc.code, int):
                return int(exc.code or 0)
            sys.stderr.write(_common.error_line(_common.PROG, exc.code))
            return int(_common.EXIT_BAD_INPUT)
        except Exception as exc:
            # A broken installation (a distribution's malformed metadata
            # read while the commands are listed): one line, never a
            # traceback with status 1.
            if '--debug' in argv:
                raise
            sys.stderr.write(_common.error_line(
                _common.PROG, _common.unexpected_error(exc)))
            return int(_common.EXIT_BAD_INPUT)


if __name__ == '__main__':  # pragma: no cover
    sys.exit(main())

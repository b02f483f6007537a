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
"""What every command shares: the evaluation point, the configuration and
one-line errors with exit status 2."""

import os
import sys

from oslo_config import cfg

from oslo_messaging_support import _configuration
from oslo_messaging_support import _support_policy
from oslo_messaging_support import exception

#: Exit status of a command whose input is wrong.
EXIT_BAD_INPUT = 2


class CommandError(Exception):
    """An error in a command's input, reported in one line."""


def add_evaluation_arguments(parser):
    """``--release``, ``--date``, ``--config-file`` and ``--config-dir``."""
    parser.add_argument(
        '--release', metavar='SERIES',
        help='evaluate as of this release series, by name or id '
             '(epoxy, 2025.1); default: the series of the installed '
             'oslo.messaging, or the series under development on --date')
    parser.add_argument(
        '--date', metavar='YYYY-MM-DD',
        help='evaluate as of this date (default: today)')
    parser.add_argument(
        '--config-file', action='append', default=[], metavar='FILE',
        help='a configuration file of the service, read by oslo.config '
             '(repeatable; later files override earlier ones)')
    parser.add_argument(
        '--config-dir', action='append', default=[], metavar='DIR',
        help='a directory of *.conf files, read after --config-file')
    return parser


def load_configuration(parsed_args, register=None):
    """Parse the service's configuration files as the service would.

    :param register: a callable that registers more options on the
        ``ConfigOpts`` before the files are read
    :returns: ``(conf, ConfiguredPolicy)``
    :raises CommandError: a file is missing, unreadable or malformed
    """
    for directory in parsed_args.config_dir:
        # oslo.config skips a missing default directory without a word.
        if not os.path.isdir(directory):
            raise CommandError('configuration directory not found: %s'
                               % directory)
    conf = cfg.ConfigOpts()
    if register is not None:
        register(conf)
    try:
        conf(args=[], project=None, validate_default_values=True,
             default_config_files=list(parsed_args.config_file),
             default_config_dirs=list(parsed_args.config_dir),
             use_env=False)
        configured = _configuration.read_configuration(conf)
    except cfg.ConfigFilesNotFoundError as exc:
        raise CommandError('configuration file not found or not readable:'
                           ' %s' % ', '.join(exc.config_files)) from None
    except cfg.ConfigDirNotFoundError as exc:
        raise CommandError('configuration directory not found: %s'
                           % exc.config_dir) from None
    except cfg.ConfigFileParseError as exc:
        raise CommandError('cannot parse configuration file %s: %s'
                           % (exc.config_file, exc.msg)) from None
    except (cfg.ConfigFileValueError, ValueError) as exc:
        raise CommandError('bad value in the configuration: %s'
                           % exc) from None
    return conf, configured


def evaluation_point(parsed_args, configured):
    """The evaluation point from the arguments, then the configuration."""
    release = parsed_args.release or configured.release
    if release is None and parsed_args.date is None:
        return None
    return _support_policy.POLICY.point(release, parsed_args.date)


def series_label(series):
    """A series by its name where it has one, else by its id."""
    return series.label if series is not None else None


def date_label(day):
    """A date as ``YYYY-MM-DD``, or ``None``."""
    return day.isoformat() if day is not None else None


class ErrorsInOneLine:
    """Mixin for cliff commands: input errors print one line, exit 2."""

    def run(self, parsed_args):
        try:
            return super().run(parsed_args)
        except (CommandError, exception.SupportPolicyError,
                cfg.Error) as exc:
            sys.stderr.write('%s: error: %s\n' % (
                self.app.NAME if self.app else 'oslo-messaging-support',
                exc))
            return EXIT_BAD_INPUT

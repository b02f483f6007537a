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
"""``oslo-messaging-support validate``: check an overlay file.

The file is validated by the library's own validator, merged with the
bundled manifest exactly as a service merges it, so that a file that
passes here loads in a service.  Exit status: 0 valid, 2 invalid (one line
on standard error naming the file, the line, the driver and the field),
and the input error status of every command when the file cannot be read.
"""

from oslo_messaging_support.cmd import _common
from oslo_messaging_support.engine import support
from oslo_messaging_support import exception
from oslo_messaging_support.readers import bounded
from oslo_messaging_support.readers import yamlfile

COLUMNS = ('Driver', 'Change', 'Keys')

#: Exit status of an overlay that breaks the schema.
EXIT_INVALID = 2

#: What the overlay does to a driver: replaces keys of a bundled driver,
#: or adds a driver the bundled manifest does not know.
CHANGES = 'changes'
ADDS = 'adds'


def overlay_rows(manifest, data, path):
    """One row per driver the (valid) overlay names, in file order."""
    rows = []
    for name, keys in data['drivers'].items():
        entry = manifest.drivers[name]
        change = ADDS if entry.base is None else CHANGES
        rows.append((name, change, ', '.join(keys)))
    return rows


class Validate(_common.SupportCommand):
    """Validate a manifest overlay file before deploying it.

    Reads OVERLAY as a service reads [oslo_messaging_support]
    manifest_overlay: the file is validated against the manifest's schema
    (published as overlay.schema.json) and merged with the bundled
    manifest.  A valid file lists the drivers it changes or adds, with the
    keys it gives.  Exit status: 0 valid, 2 invalid, with one error line
    naming the file, line, driver and field; a file that cannot be read is
    bad input, as for every command.
    """

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument(
            'overlay', metavar='OVERLAY',
            help='the overlay file (YAML, in the schema of the bundled '
                 'manifest)')
        return parser

    def produce_output(self, parsed_args, column_names, data):
        if self.status == EXIT_INVALID:
            return 0  # the error line says it all
        return super().produce_output(parsed_args, column_names, data)

    def listing(self, parsed_args):
        path = parsed_args.overlay
        # A file that cannot be read is bad input, not an invalid overlay.
        text = bounded.read_text(path, what='overlay')
        try:
            data = yamlfile.load_text(text, path)
            manifest = support.POLICY.manifest(path)
        except exception.ManifestError as exc:
            # invalid, not bad input: the one line, and no table
            self._stderr().write(_common.error_line(self._prog(), exc))
            return _common.Listing(COLUMNS, [], EXIT_INVALID)
        self._stderr().write('%s: a valid overlay\n' % bounded.escape(path))
        return _common.Listing(COLUMNS, overlay_rows(manifest, data, path))

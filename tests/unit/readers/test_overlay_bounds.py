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
"""Overlays are bounded: size, nesting, aliases; and re-read when changed."""

import os

import oslo_messaging_support as oms
from oslo_messaging_support.engine import support
from oslo_messaging_support.readers import yamlfile
from tests import base
from tests import fixtures_support

# Nine levels of nine aliases: 9**9 (387 million) values once expanded,
# in under 1 KB.
ALIAS_BOMB = 'drivers:\n  fake:\n    a0: &a0 [x, x, x, x, x, x, x, x, x]\n' + \
    ''.join('    a%d: &a%d [%s]\n' % (level, level, ', '.join(
        ['*a%d' % (level - 1)] * 9)) for level in range(1, 9))


OPTION = '[oslo_messaging_support] manifest_overlay: '


class BoundsTest(base.ServiceConfTestCase):

    def assertOneLine(self, error, path, *fragments, option=False):
        message = str(error)
        self.assertEqual(1, len(message.splitlines()), message)
        if option:
            # a service's error says which option named the file
            self.assertTrue(message.startswith(OPTION), message)
            message = message[len(OPTION):]
        self.assertTrue(message.startswith(path), message)
        for fragment in fragments:
            self.assertIn(fragment, message)

    def assertRefusedEverywhere(self, path, *fragments):
        """``get_manifest``, a transport and ``enable()`` all refuse it."""
        error = self.assertRaises(oms.ManifestError, oms.get_manifest, path)
        self.assertOneLine(error, path, *fragments)
        self.set('manifest_overlay', path)
        error = self.assertRaises(oms.ManifestError, oms.get_rpc_transport,
                                  self.conf, 'fake://')
        self.assertOneLine(error, path, *fragments, option=True)
        self.assertRaises(oms.ManifestError, oms.enable, self.conf)
        self.assertFalse(oms.is_enabled())
        return error

    def test_alias_bomb(self):
        self.assertLess(len(ALIAS_BOMB), 1024)
        path = self.write_file('bomb.yaml', ALIAS_BOMB)
        error = self.assertRefusedEverywhere(path, 'aliases are expanded')
        self.assertIsNotNone(error.line)

    def test_a_few_aliases_are_fine(self):
        path = self.write_file('aliases.yaml', """\
            base: &base
              - {series: 2025.2, status: deprecated}
            drivers:
              fake:
                lifecycle: *base
            """)
        error = self.assertRaises(oms.ManifestError, oms.get_manifest, path)
        # the alias was expanded, and only the unknown key is refused
        self.assertIn("unknown key 'base'", str(error))

    def test_recursive_alias(self):
        path = self.write_file('loop.yaml', 'drivers: &d\n  fake: *d\n')
        self.assertRefusedEverywhere(path, ':2:', 'recursive')

    def test_deep_nesting_block_and_flow(self):
        depth = 400
        flow = 'drivers: ' + '[' * depth + ']' * depth + '\n'
        block = 'drivers:\n' + ''.join(
            '%sk%d:\n' % ('  ' * (level + 1), level)
            for level in range(depth))
        for name, text in (('flow.yaml', flow), ('block.yaml', block)):
            path = self.write_file(name, text)
            self.assertRefusedEverywhere(
                path, 'nested more than %d levels' % yamlfile.MAX_DEPTH)

    def test_size_cap(self):
        path = os.path.join(self.tempdir, 'big.yaml')
        with open(path, 'w', encoding='utf-8') as stream:
            stream.write('drivers: {}\n')
            stream.write('#' * yamlfile.MAX_BYTES)
        self.assertRefusedEverywhere(path, 'bytes, more than the')

    def test_nul_byte_in_the_path(self):
        path = os.path.join(self.tempdir, 'over\x00lay.yaml')
        self.set('manifest_overlay', path)
        error = self.assertRaises(oms.ManifestError, oms.enable, self.conf)
        self.assertIn('NUL byte', str(error))
        self.assertNotIn('\x00', str(error))
        self.assertEqual(1, len(str(error).splitlines()))

    def test_broken_overlay_stops_enable_with_file_and_line(self):
        path = self.write_file('broken.yaml', """\
            drivers:
              fake:
                lifecycle:
                  - {series: 2025.2, status: retired}
            """)
        self.set('manifest_overlay', path)
        error = self.assertRaises(oms.ManifestError, oms.enable, self.conf)
        self.assertTrue(str(error).startswith(OPTION + path + ':4: '),
                        str(error))
        self.assertFalse(oms.is_enabled())


class OverlayCacheTest(base.ServiceConfTestCase):

    def test_ctime_alone_invalidates(self):
        """An edit that keeps size, inode and mtime is still seen."""
        path = self.overlay(fixtures_support.FAKE_DEPRECATED)
        self.assertEqual('deprecated', support.POLICY.decide(
            'fake', overlay=path).tier)
        before = os.stat(path)
        changed = fixtures_support.FAKE_DEPRECATED.replace(
            'status: deprecated', 'status: supported ')
        self.assertEqual(len(changed),
                         len(fixtures_support.FAKE_DEPRECATED))
        with open(path, 'r+', encoding='utf-8') as stream:
            stream.write(changed)
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
        after = os.stat(path)
        self.assertEqual((before.st_mtime_ns, before.st_size,
                          before.st_ino),
                         (after.st_mtime_ns, after.st_size, after.st_ino))
        self.assertNotEqual(before.st_ctime_ns, after.st_ctime_ns)
        self.assertEqual('supported', support.POLICY.decide(
            'fake', overlay=path).tier)

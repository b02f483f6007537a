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
"""The project's own documentation, built as ``tox -e docs`` builds it.

The doctest builder (``tox -e docs``) runs the examples of the pages; this
builds the HTML and checks what operators read in it.
"""

import io
import os
import shutil
import tempfile

from sphinx import application
from sphinx.util import console
from sphinx.util import docutils as sphinx_docutils

from oslo_messaging_support.engine import support
from oslo_messaging_support import opts
from tests import base
from tests.unit import test_sphinxext

_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
_SOURCE = os.path.join(_ROOT, 'doc', 'source')


class TestDocumentation(base.TestCase):

    #: The pages are built once for the class, as the installed
    #: oslo.messaging's series; the tests compare with that series.
    EVALUATE_AS_INSTALLED = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.out = tempfile.mkdtemp()
        warnings = io.StringIO()
        with sphinx_docutils.docutils_namespace():
            app = application.Sphinx(
                _SOURCE, _SOURCE, os.path.join(cls.out, 'html'),
                os.path.join(cls.out, 'doctrees'), 'html',
                status=io.StringIO(), warning=warnings, freshenv=True)
            app.build()
        cls.warnings = console.strip_colors(warnings.getvalue())

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.out, ignore_errors=True)
        super().tearDownClass()

    def page(self, name):
        with open(os.path.join(self.out, 'html', name),
                  encoding='utf-8') as stream:
            return stream.read()

    def test_builds_without_warnings(self):
        """tox -e docs builds with -W: any warning fails it."""
        self.assertEqual('', self.warnings)

    def test_matrix_shows_every_bundled_driver_and_its_tier(self):
        """The support matrix page holds the engine's current tiers."""
        rows = test_sphinxext.summary(self.page('support-matrix.html'))
        manifest = support.POLICY.manifest()
        self.assertEqual(sorted(manifest.drivers), sorted(rows))
        for name, row in rows.items():
            self.assertEqual(support.POLICY.decide(name).tier,
                             row['Tier'], name)
        timeline = test_sphinxext.tables(
            self.page('support-matrix.html')).table('support-timeline')
        self.assertEqual('liberty', timeline[1][0])

    def test_options_page_lists_every_option(self):
        """Every [oslo_messaging_support] option, in the list and sample."""
        text = self.page('configuration/index.html')
        ((group, options),) = opts.list_opts()
        self.assertEqual('oslo_messaging_support', group)
        for option in options:
            # The option's entry, then its line in the sample file.
            self.assertTrue('id="%s.%s"' % (group, option.name) in text,
                            option.name)
            self.assertTrue('#%s =' % option.name in text, option.name)

    def test_reference_documents_the_public_api(self):
        """Every name of __all__ has an entry in the API reference."""
        import oslo_messaging_support
        text = self.page('reference/index.html')
        for name in oslo_messaging_support.__all__:
            self.assertTrue('id="oslo_messaging_support.%s"' % name in text,
                            name)

    def test_cli_reference_and_console_sessions(self):
        """cliff's reference of every command; real console sessions."""
        reference = self.page('cli/index.html')
        for command in ('list', 'check', 'schedule', 'audit', 'validate'):
            self.assertIn('id="%s"' % command, reference)
        choices = self.page('admin/choices.html')
        self.assertIn('$ oslo-messaging-support check --config-file '
                      'allow-foo.conf', choices)
        self.assertIn('$ echo $?', choices)
        self.assertIn('broken-overlay.yaml:5: driver', choices)
        self.assertNotIn('&gt;&gt;&gt;', choices)

    def test_every_driver_has_a_linkable_heading_in_the_contents(self):
        """Each driver's details are a section of the page's contents."""
        text = self.page('support-matrix.html')
        for name in support.POLICY.manifest().drivers:
            anchor = 'support-matrix-%s' % name
            self.assertIn('<section id="%s">\n<h3>%s<a class="headerlink"'
                          % (anchor, name), text)
            # the summary table's link and the page contents' entry
            self.assertGreaterEqual(
                text.count('href="#%s">%s</a>' % (anchor, name)), 2, name)

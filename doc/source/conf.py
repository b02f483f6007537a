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
"""Sphinx configuration of the oslo.messaging-support documentation."""

import doctest
import importlib.metadata
import importlib.util
import os
import sys

extensions = [
    'sphinx.ext.autodoc',
    'sphinx.ext.doctest',
    'oslo_config.sphinxext',
    'oslo_config.sphinxconfiggen',
    'oslo_messaging_support.sphinxext',
    'cliff.sphinxext',
    'sphinxcontrib.programoutput',
]

project = 'oslo.messaging-support'
copyright = '2026, OpenStack Foundation'
author = 'OpenStack'

try:
    release = version = importlib.metadata.version('oslo.messaging-support')
except importlib.metadata.PackageNotFoundError:
    release = version = ''

master_doc = 'index'
source_suffix = {'.rst': 'restructuredtext'}
exclude_patterns = ['_build']
pygments_style = 'native'
add_module_names = False
# The support matrix quotes sources and commands verbatim ("--source",
# "'amqp'"): no typographic dashes or quotes.
smartquotes = False
autodoc_member_order = 'bysource'
autodoc_typehints = 'none'

# oslo_config.sphinxconfiggen: the sample configuration file, generated
# into _static at every build from the generator configuration.
config_generator_config_file = (
    '../../etc/oslo-messaging-support-config-generator.conf')
sample_config_basename = '_static/oslo-messaging-support'

# cliff.sphinxext: the command reference (cli/index) from the commands'
# own parsers and docstrings.
autoprogram_cliff_application = 'oslo-messaging-support'

# sphinxcontrib.programoutput: the operator guide's console sessions are
# the real output of the commands, run when the documentation is built,
# with the exit status the shell would give.  The directive's :returncode:
# is the status the page expects: another one fails the build (-W).  The
# commands are those installed beside the Python that runs the build.
programoutput_prompt_template = (
    '$ {command}\n{output}\n$ echo $?\n{returncode}')
_BIN = os.path.dirname(sys.executable)
os.environ['PATH'] = os.pathsep.join(
    [_BIN] + [item for item in os.environ.get('PATH', '').split(os.pathsep)
              if item and item != _BIN])

# The manual page, oslo-messaging-support(1), from the command reference
# (sphinx-build -b man, run by tox -e docs).
man_pages = [
    ('cli/index', 'oslo-messaging-support',
     'operator tools of the supported messaging drivers policy',
     [author], 1),
]

# The doctest builder runs the Python examples of the pages (the service
# developer's API; the log lines of admin/tiers).  The hidden setup below
# gives each a path to the example files of doc/source/_examples and
# prints the library's log records of level INFO and above ("LEVEL logger
# message", the oslo.log prefix of a service's log left out) so that the
# pages show them.
_EXAMPLES = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                         '_examples')
doctest_global_setup = """
import logging as _logging
import os as _os


def example(name):
    return _os.path.join(%r, name)


class _PrintHandler(_logging.Handler):
    def emit(self, record):
        print(self.format(record))


_log = _logging.getLogger('oslo.messaging_support')
if not any(getattr(h, 'doctest_print', False) for h in _log.handlers):
    _handler = _PrintHandler()
    _handler.doctest_print = True
    _handler.setLevel(_logging.INFO)
    _handler.setFormatter(
        _logging.Formatter('%%(levelname)s %%(name)s %%(message)s'))
    _log.addHandler(_handler)
# The records are printed once, by the handler above: not again by a
# handler of the root logger (oslo.config's sample generator, run by this
# build, calls logging.basicConfig), which would write the refusals the
# examples provoke on purpose to the build's output as "ERROR:" lines.
_log_propagate = _log.propagate
_log.propagate = False
""" % _EXAMPLES
doctest_global_cleanup = """
_log.propagate = _log_propagate
"""
doctest_default_flags = (doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE |
                         doctest.DONT_ACCEPT_TRUE_FOR_1)


# openstackdocstheme where it is installed (tox -e docs installs it); a
# plain theme otherwise.  Everything it needs is set here, so it works
# offline and without a git remote.
if importlib.util.find_spec('openstackdocstheme') is not None:
    extensions.append('openstackdocstheme')
    html_theme = 'openstackdocs'
    openstackdocs_repo_name = 'openstack/oslo.messaging-support'
    openstackdocs_bug_project = 'oslo.messaging-support'
    openstackdocs_bug_tag = 'docs'
    openstackdocs_auto_name = False
    openstackdocs_auto_version = False
    openstackdocs_pdf_link = False
    html_theme_options = {'show_other_versions': False}
else:
    html_theme = 'alabaster'

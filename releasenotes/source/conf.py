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
"""Sphinx configuration of the oslo.messaging-support release notes.

reno reads the notes from the git history: a note must be committed to
appear.
"""

import importlib.util

extensions = ['reno.sphinxext']

project = 'oslo.messaging-support Release Notes'
copyright = '2026, OpenStack Foundation'
author = 'OpenStack'

master_doc = 'index'
source_suffix = {'.rst': 'restructuredtext'}
exclude_patterns = ['_build']
pygments_style = 'native'

# Release notes are not versioned: each page covers every release.
version = ''
release = ''

# openstackdocstheme where it is installed (tox -e releasenotes installs
# it); a plain theme otherwise.  Set so that it works offline and without a
# git remote.
if importlib.util.find_spec('openstackdocstheme') is not None:
    extensions.append('openstackdocstheme')
    html_theme = 'openstackdocs'
    openstackdocs_repo_name = 'openstack/oslo.messaging-support'
    openstackdocs_bug_project = 'oslo.messaging-support'
    openstackdocs_bug_tag = 'releasenotes'
    openstackdocs_auto_name = False
    openstackdocs_auto_version = False
    html_theme_options = {'show_other_versions': False}
else:
    html_theme = 'alabaster'

#!/usr/bin/env python3
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
"""Regenerate the compiled modules of oslo_messaging_support/data/.

Run after editing oslo_messaging_support/data/manifest.yaml or
release-calendar.yaml: ``tox -e venv -- python tools/compile_data.py``
(``--check`` only tells whether the compiled data is current).
"""

import sys

from oslo_messaging_support.engine import compiler

if __name__ == '__main__':
    sys.exit(compiler.main())

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
"""Enforce OpenStack's supported messaging drivers policy at run time.

Nothing is read and nothing is patched at import time: the manifest and
the calendar are loaded on first use.
"""

import importlib.metadata

from oslo_messaging_support._api import evaluate
from oslo_messaging_support._api import get_calendar
from oslo_messaging_support._api import get_manifest
from oslo_messaging_support._calendar import Calendar
from oslo_messaging_support._calendar import Series
from oslo_messaging_support._entrypoints import InstalledDriver
from oslo_messaging_support._evaluate import SupportPolicy
from oslo_messaging_support._manifest import Criterion
from oslo_messaging_support._manifest import DriverEntry
from oslo_messaging_support._manifest import LifecycleEvent
from oslo_messaging_support._manifest import Manifest
from oslo_messaging_support._policy import Decision
from oslo_messaging_support._policy import EvaluationPoint
from oslo_messaging_support._policy import Settings
from oslo_messaging_support.exception import CalendarError
from oslo_messaging_support.exception import DeprecatedDriverWarning
from oslo_messaging_support.exception import DriverSupportWarning
from oslo_messaging_support.exception import ManifestError
from oslo_messaging_support.exception import ProspectiveDriverWarning
from oslo_messaging_support.exception import SupportPolicyError
from oslo_messaging_support.exception import UnsupportedDriver
from oslo_messaging_support.exception import UnsupportedDriverAllowedWarning

try:
    __version__ = importlib.metadata.version('oslo.messaging-support')
except importlib.metadata.PackageNotFoundError:  # pragma: no cover
    __version__ = '0.0.0'

__all__ = [
    'Calendar',
    'CalendarError',
    'Criterion',
    'Decision',
    'DeprecatedDriverWarning',
    'DriverEntry',
    'DriverSupportWarning',
    'EvaluationPoint',
    'InstalledDriver',
    'LifecycleEvent',
    'Manifest',
    'ManifestError',
    'ProspectiveDriverWarning',
    'Series',
    'Settings',
    'SupportPolicy',
    'SupportPolicyError',
    'UnsupportedDriver',
    'UnsupportedDriverAllowedWarning',
    'evaluate',
    'get_calendar',
    'get_manifest',
]

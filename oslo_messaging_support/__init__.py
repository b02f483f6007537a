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

The public names, each imported from its module on first use (PEP 562):
importing this package reads nothing and patches nothing.
"""

import importlib
import typing

if typing.TYPE_CHECKING:  # pragma: no cover - for static tools only
    from oslo_messaging_support.engine.driver_manifest import Criterion  # noqa
    from oslo_messaging_support.engine.driver_manifest import DriverEntry  # noqa
    from oslo_messaging_support.engine.driver_manifest import LifecycleEvent  # noqa
    from oslo_messaging_support.engine.driver_manifest import Manifest  # noqa
    from oslo_messaging_support.engine.entrypoints import InstalledDriver  # noqa
    from oslo_messaging_support.engine.release_calendar import Calendar  # noqa
    from oslo_messaging_support.engine.release_calendar import Series  # noqa
    from oslo_messaging_support.engine.rules import Decision  # noqa
    from oslo_messaging_support.engine.rules import EvaluationPoint  # noqa
    from oslo_messaging_support.engine.settings import Settings  # noqa
    from oslo_messaging_support.engine.support import evaluate  # noqa
    from oslo_messaging_support.engine.support import get_calendar  # noqa
    from oslo_messaging_support.engine.support import get_manifest  # noqa
    from oslo_messaging_support.engine.support import SupportPolicy  # noqa
    from oslo_messaging_support.exception import CalendarError  # noqa
    from oslo_messaging_support.exception import DeprecatedDriverWarning  # noqa
    from oslo_messaging_support.exception import DriverSupportWarning  # noqa
    from oslo_messaging_support.exception import ManifestError  # noqa
    from oslo_messaging_support.exception import ProspectiveDriverWarning  # noqa
    from oslo_messaging_support.exception import SupportPolicyError  # noqa
    from oslo_messaging_support.exception import UnsupportedDriver  # noqa
    from oslo_messaging_support.exception import UnsupportedDriverAllowedWarning  # noqa
    from oslo_messaging_support.service.transport import disable  # noqa
    from oslo_messaging_support.service.transport import enable  # noqa
    from oslo_messaging_support.service.transport import get_notification_transport  # noqa
    from oslo_messaging_support.service.transport import get_rpc_transport  # noqa
    from oslo_messaging_support.service.transport import get_transport  # noqa
    from oslo_messaging_support.service.transport import is_enabled  # noqa

#: Public name -> the module that defines it.
_EXPORTS = {
    'Calendar': 'engine.release_calendar',
    'CalendarError': 'exception',
    'Criterion': 'engine.driver_manifest',
    'Decision': 'engine.rules',
    'DeprecatedDriverWarning': 'exception',
    'DriverEntry': 'engine.driver_manifest',
    'DriverSupportWarning': 'exception',
    'disable': 'service.transport',
    'enable': 'service.transport',
    'evaluate': 'engine.support',
    'EvaluationPoint': 'engine.rules',
    'get_calendar': 'engine.support',
    'get_manifest': 'engine.support',
    'get_notification_transport': 'service.transport',
    'get_rpc_transport': 'service.transport',
    'get_transport': 'service.transport',
    'InstalledDriver': 'engine.entrypoints',
    'is_enabled': 'service.transport',
    'LifecycleEvent': 'engine.driver_manifest',
    'Manifest': 'engine.driver_manifest',
    'ManifestError': 'exception',
    'ProspectiveDriverWarning': 'exception',
    'Series': 'engine.release_calendar',
    'Settings': 'engine.settings',
    'SupportPolicy': 'engine.support',
    'SupportPolicyError': 'exception',
    'UnsupportedDriver': 'exception',
    'UnsupportedDriverAllowedWarning': 'exception',
}

__all__ = sorted(_EXPORTS) + ['__version__']


def __getattr__(name):
    if name == '__version__':
        from importlib import metadata
        try:
            value = metadata.version('oslo.messaging-support')
        except metadata.PackageNotFoundError:  # pragma: no cover
            value = '0.0.0'
    elif name in _EXPORTS:
        module = importlib.import_module(
            'oslo_messaging_support.' + _EXPORTS[name])
        value = getattr(module, name)
    else:
        raise AttributeError(
            "module 'oslo_messaging_support' has no attribute %r" % name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(__all__))

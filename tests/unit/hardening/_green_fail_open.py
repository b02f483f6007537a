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
"""A service that imports the library before ``eventlet.monkey_patch()``.

Run as ``python _green_fail_open.py DRIVER_DIR``.  The library is imported
(and its loaders and ``enable`` looked up) first, as services often do;
then eventlet patches the process, and ``enable(conf)`` is called.  One
greenthread creates transports through the drop-in loader with a driver
that yields while it is created (``slow``, allowed); another, meanwhile,
asks plain oslo.messaging for ``private``, a driver that is installed but
not allowed.  Prints a JSON summary: what each plain creation gave.
"""

import json
import sys
import warnings

from oslo_config import cfg
import oslo_messaging

import oslo_messaging_support as oms
from oslo_messaging_support import opts

# Everything the library does is imported before the patch.
oms.get_rpc_transport, oms.enable, oms.UnsupportedDriver  # noqa: B018

import eventlet  # noqa: E402

eventlet.monkey_patch()

TRIES = 32


def main(driver_dir):
    sys.path.insert(0, driver_dir)
    conf = cfg.ConfigOpts()
    conf([], project='green')
    opts.register_opts(conf)
    conf.set_override('allowed_drivers', ['slow'], opts.GROUP)
    oms.enable(conf)
    plain = []
    unexpected = []
    inside = []

    def drop_in():
        for _ in range(TRIES):
            try:
                oms.get_rpc_transport(conf, 'slow://').cleanup()
            except BaseException as exc:
                unexpected.append(repr(exc))

    def other():
        for _ in range(TRIES):
            eventlet.sleep(0)
            inside.append(bool(getattr(sys.modules.get('slow_driver'),
                                       'CREATING', 0)))
            try:
                oslo_messaging.get_rpc_transport(conf, 'private://').cleanup()
                plain.append('loaded')
            except oms.UnsupportedDriver:
                plain.append('refused')
            except BaseException as exc:
                unexpected.append(repr(exc))

    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        pool = eventlet.GreenPool()
        pool.spawn(drop_in)
        pool.spawn(other)
        with eventlet.Timeout(120):
            pool.waitall()
    json.dump({'plain': plain, 'unexpected': unexpected,
               'inside': sum(inside),
               'patched': eventlet.patcher.is_monkey_patched('thread')},
              sys.stdout)
    return 0


if __name__ == '__main__':
    sys.exit(main(*sys.argv[1:]))

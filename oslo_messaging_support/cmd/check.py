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
"""``oslo-messaging-support check``: the transports of a service.

The exit status follows oslo.upgradecheck: 0 when every transport's driver
loads, 1 when one of them loads with a warning, 2 when one is refused (and
2 for bad input, as every command).
"""

from cliff import lister

from oslo_messaging_support import _policy
from oslo_messaging_support import _service_config
from oslo_messaging_support import _support_policy
from oslo_messaging_support.cmd import _common

COLUMNS = ('Option', 'URL', 'Driver', 'Tier', 'Action', 'Reason')

#: Exit status per action, as oslo.upgradecheck's ``Code``.
EXIT_STATUS = {_policy.LOAD: 0, _policy.WARN: 1, _policy.REFUSE: 2}


def transport_rows(results):
    """One table row per ``(transport, decision)`` pair."""
    return [(transport.option, transport.masked_url, transport.driver,
             str(decision.tier), str(decision.action),
             transport.reason(decision))
            for transport, decision in results]


def exit_status(results):
    """The highest exit status of the decisions (0 for none)."""
    return max((EXIT_STATUS[decision.action] for _, decision in results),
               default=0)


class Check(_common.ErrorsInOneLine, lister.Lister):
    """Check the transports a service configuration would create.

    Reads the service's configuration files as the service does and
    evaluates the driver of [DEFAULT] transport_url (RPC) and of
    [oslo_messaging_notifications] transport_url (notifications, falling
    back to [DEFAULT] transport_url), or the URLs given with --url and
    --notification-url.  Exit status: 0 all load, 1 a warning, 2 a
    refusal or bad input.
    """

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        _common.add_evaluation_arguments(parser)
        parser.add_argument(
            '--url', action='append', default=[], metavar='URL',
            help='check this transport URL as an RPC transport '
                 '(get_rpc_transport) instead of the configured ones; '
                 'repeatable')
        parser.add_argument(
            '--notification-url', action='append', default=[],
            metavar='URL',
            help='check this transport URL as a notification transport '
                 '(get_notification_transport) instead of the configured '
                 'ones; repeatable')
        return parser

    def take_action(self, parsed_args):
        conf, configured = _common.load_configuration(
            parsed_args, register=_service_config.register_messaging_opts)
        point = _common.evaluation_point(parsed_args, configured)
        if parsed_args.url or parsed_args.notification_url:
            transports = _service_config.given_transports(
                conf, parsed_args.url, parsed_args.notification_url)
        else:
            transports = _service_config.find_transports(conf)
        results = _service_config.decide(transports, _support_policy.POLICY,
                                         point, configured)
        self._status = exit_status(results)
        return COLUMNS, transport_rows(results)

    def run(self, parsed_args):
        self._status = 0
        result = super().run(parsed_args)
        return result or self._status

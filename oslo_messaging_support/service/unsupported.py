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
"""The refusal: :class:`UnsupportedDriver`, an oslo.messaging error.

Kept apart from :mod:`oslo_messaging_support.exception`, which re-exports
it, because it subclasses ``oslo_messaging.DriverLoadFailure`` and so
imports oslo.messaging.
"""

from oslo_messaging import transport as _om_transport


class UnsupportedDriver(_om_transport.DriverLoadFailure):
    """The support policy refuses to load a transport driver.

    A subclass of :class:`oslo_messaging.DriverLoadFailure`, so that code
    which already catches a driver that fails to load keeps working.  It is
    raised before the driver is instantiated, so no connection is made.

    :ivar driver: the driver name taken from the transport URL
    :ivar decision: the :class:`~oslo_messaging_support.Decision` behind it
    """

    def __init__(self, decision):
        self.decision = decision
        from oslo_messaging_support.engine import messages
        text = messages.refusal_text(decision)
        super().__init__(decision.driver, decision.message())
        # DriverLoadFailure's own text starts 'Failed to load transport
        # driver'; the policy's sentence says more.
        self.args = (text,)

    def __str__(self):
        return self.args[0]

    def __repr__(self):
        return '%s(%r)' % (type(self).__name__, self.args[0])


# Named where users import it from (tracebacks, pickling).
UnsupportedDriver.__module__ = 'oslo_messaging_support.exception'

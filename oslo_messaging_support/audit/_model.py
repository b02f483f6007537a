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
"""What the audit finds: one result per driver and criterion, and history.

Every finding names its evidence and where the evidence comes from, so that
a reader can check it.
"""

import dataclasses

from oslo_messaging_support import exception

#: Where a finding comes from, strongest first.
ORIGIN_COVERAGE = 'coverage report'
ORIGIN_SOURCE = 'source tree'
ORIGIN_MANIFEST = 'bundled evidence'

#: What a file of the ``--source`` tree is called in errors.
SOURCE_FILE = '--source file'


class AuditError(exception.SupportPolicyError):
    """An input of the audit cannot be read or is malformed.

    The message is one line naming the file (and line where known).
    """


@dataclasses.dataclass(frozen=True)
class Finding:
    """One criterion judged for one driver.

    :ivar criterion: a key of
        :data:`~oslo_messaging_support.engine.tiers.CRITERIA`
    :ivar result: ``'pass'``, ``'fail'`` or ``'unknown'``
    :ivar evidence: what was seen, in one or two sentences
    :ivar source: the file, report or citation the evidence comes from
    :ivar origin: one of the ``ORIGIN_*`` constants
    :ivar value: a measured figure (a coverage percentage), or ``None``
    """

    criterion: str
    result: str
    evidence: str
    source: str
    origin: str
    value: object = None

    def as_dict(self):
        """The finding as a JSON-ready mapping."""
        return dataclasses.asdict(self)


@dataclasses.dataclass(frozen=True)
class HistoryFinding:
    """A past event that broke the policy.

    :ivar kind: ``'early-removal'``, ``'removed-without-deprecation'``,
        ``'never-decided'`` or ``'late-decision'``
    :ivar series: the label of the series it happened in (or is due in)
    :ivar detail: one sentence
    :ivar source: the manifest's sources of the events involved
    """

    kind: str
    series: str
    detail: str
    source: str

    def as_dict(self):
        """The finding as a JSON-ready mapping."""
        return dataclasses.asdict(self)


@dataclasses.dataclass(frozen=True)
class DriverAudit:
    """The audit of one driver.

    :ivar driver: the manifest name
    :ivar declared_tier: the tier the manifest declares at the evaluation
        point (as the policy engine reads it)
    :ivar policy_tier: the tier the findings call for, or ``None`` when
        unknown findings leave it open
    :ivar agrees: whether the two tiers agree, ``None`` when open
    :ivar compliant: ``True`` when the tiers agree and no history broke the
        policy, ``False`` when either fails, ``None`` when open
    :ivar reason: one sentence explaining ``policy_tier``
    :ivar findings: :class:`Finding` objects, one per criterion
    :ivar history: :class:`HistoryFinding` objects
    """

    driver: str
    declared_tier: str
    policy_tier: object
    agrees: object
    compliant: object
    reason: str
    findings: tuple = ()
    history: tuple = ()

    def as_dict(self):
        """The audit as a JSON-ready mapping."""
        return {
            'driver': self.driver,
            'declared_tier': self.declared_tier,
            'policy_tier': self.policy_tier,
            'compliant': self.compliant,
            'agrees': self.agrees,
            'reason': self.reason,
            'findings': [item.as_dict() for item in self.findings],
            'history': [item.as_dict() for item in self.history],
        }

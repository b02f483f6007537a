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
"""Audit each driver against the policy's criteria, from real evidence.

:func:`audit` is the entry point; the evidence comes from the bundled
manifest, from an oslo.messaging source tree and from a coverage report of
its test suite, strongest first (see :mod:`._judge`).
"""

import importlib.util
import os

from oslo_messaging_support.audit import _coverage
from oslo_messaging_support.audit import _history
from oslo_messaging_support.audit import _judge
from oslo_messaging_support.audit import _model
from oslo_messaging_support.audit import _modules
from oslo_messaging_support.audit import _source
from oslo_messaging_support.engine import rules
from oslo_messaging_support.engine import versions
from oslo_messaging_support.readers import bounded

AuditError = _model.AuditError
DriverAudit = _model.DriverAudit
Finding = _model.Finding
HistoryFinding = _model.HistoryFinding
SourceTree = _source.SourceTree
read_report = _coverage.read_report

__all__ = ['AuditError', 'DriverAudit', 'Finding', 'HistoryFinding',
           'SourceTree', 'audit', 'read_report']


def _installed_modules(manifest):
    spec = importlib.util.find_spec('oslo_messaging')
    if spec is None or not spec.submodule_search_locations:
        return {}, 'no installed oslo.messaging'
    package_dir = list(spec.submodule_search_locations)[0]
    targets = {entry.name: entry.entry_point
               for entry in manifest.drivers.values()}
    try:
        version = versions.installed_oslo_messaging_version()
    except Exception:  # pragma: no cover - metadata missing
        version = 'unknown'
    return (_modules.driver_modules(package_dir, targets),
            'the installed oslo.messaging %s (%s)'
            % (version, os.path.dirname(package_dir)))


def audit(manifest, calendar, point, tree=None, report=None, drivers=None):
    """Judge every driver of the manifest.

    :param manifest: the :class:`~oslo_messaging_support.Manifest`
    :param calendar: the :class:`~oslo_messaging_support.Calendar`
    :param point: the :class:`~oslo_messaging_support.EvaluationPoint`
    :param tree: a :class:`SourceTree`, or ``None``
    :param report: a coverage report from :func:`read_report`, or ``None``
    :param drivers: driver or alias names to audit; all by default
    :returns: a list of :class:`DriverAudit`, in manifest order
    :raises AuditError: a name is not a driver of the manifest
    """
    modules, modules_from = {}, None
    if tree is not None:
        modules, modules_from = tree.modules, tree.name
    elif report is not None:
        modules, modules_from = _installed_modules(manifest)
    wanted = None
    if drivers:
        wanted = set()
        for name in drivers:
            canonical = manifest.canonical_name(name)
            if canonical is None:
                raise AuditError("'%s' is not a driver of the manifest "
                                 "(known: %s)"
                                 % (bounded.excerpt(name),
                                    ', '.join(manifest.names())))
            wanted.add(canonical)
    result = []
    for entry in manifest.drivers.values():
        if wanted is not None and entry.name not in wanted:
            continue
        judged = rules.assess(manifest, calendar, entry.name, point)
        declared = str(judged.tier)
        found = _judge.findings(entry, manifest.evidence_release, tree,
                                report, modules.get(entry.name, []),
                                modules_from)
        tier, reason = _judge.policy_tier(declared, found,
                                          judged.compliance)
        tier = None if tier is None else str(tier)
        breaches = tuple(_history.history(entry, calendar, point))
        agrees = None if tier is None else tier == declared
        if breaches or agrees is False:
            compliant = False
        else:
            compliant = None if agrees is None else True
        result.append(_model.DriverAudit(
            driver=entry.name, declared_tier=declared, policy_tier=tier,
            agrees=agrees, compliant=compliant, reason=reason,
            findings=found, history=breaches))
    return result

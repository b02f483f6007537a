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
"""The hardening suite: one test class per way the library was broken.

Issue 11's classes and where their tests live (add a class here for each
new one, with a test that failed before the fix):

1. fail-open under eventlet: ``test_gate.EventletImportedFirstTest``
   (``_green_fail_open.py``), ``test_eventlet``;
2. two configurations: ``test_gate.TwoConfigurationsTest``;
3. the public factory swapped in place: ``test_gate.SwappedFactoryTest``;
4. warnings as errors: ``test_gate.WarningsAsErrorsTest``;
5. ``disable()`` under a mock: ``test_gate.MockedHookTest``;
6. secrets: ``test_secrets`` (``GeneratedSecretTest``, hypothesis over
   the URL's structure; ``StructuralMaskingTest``; ``UnparsableURLTest``);
7. quadratic masking: ``test_secrets.QuadraticMaskingTest``; overlays and
   files: ``test_corpus``, ``test_failsafe``, ``test_properties``.
"""

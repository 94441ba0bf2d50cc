"""The one licence every dataset is published under, and why.

Creative Commons Attribution 4.0 International (CC BY 4.0): anyone may copy, reuse, adapt and
redistribute the data, commercially too, on the one condition that they name the source. It meets
the Open Definition (CKAN marks such datasets ``isopen``), is what the EU's open data portals and
DCAT-AP use for public-sector data, and fits Vietnam's rule that open data of state agencies is
free for everyone to access, use and share (Law on Data 60/2024/QH15; Decree 47/2020/NĐ-CP on
sharing state digital data) while keeping the province credited as the source.
"""

LICENCE_ID = "cc-by"  # the id in CKAN's default licence register
LICENCE_TITLE = "Creative Commons Attribution 4.0 (CC BY 4.0)"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
LICENCE_SPDX = "CC-BY-4.0"

"""The workforce view of questionnaire results: who may retire with an unreduced pension
within 1, 5 and 10 years, counted from the questions a questionnaire declares as the age
band, the years-of-service band and the occupational group (`definition.WorkforceRole`).

Sits above `guild.questionnaires`: it reads definitions and published results through
that app's selectors, and questionnaires never imports it.
"""

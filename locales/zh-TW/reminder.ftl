# 暫時密碼即將到期、卻還沒登入的人，status 寄給他們的提醒郵件：純文字，絕不含密碼。
# 變數前後的空格規則同 signon.ftl。

reminder-subject = 提醒：請在 { $date } 之前登入 { $organization } 的合作夥伴中心
reminder-greeting = { $name } 您好：
reminder-not-yet = 您尚未登入 { $organization }（MPN ID：{ $mpn_id }）的合作夥伴中心帳戶。您的暫時密碼將於 { $date } 到期。
reminder-before = 請在 { $date } 之前登入，並設定您自己的密碼。逾期未登入，暫時密碼就會失效，系統管理員必須移除您的帳戶，再重新新增一次。
reminder-lost = 如果您遺失了暫時密碼，請向 { $admin }（{ $email }）索取。
reminder-lost-unnamed = 如果您遺失了暫時密碼，請向您的系統管理員索取。
reminder-no-password = 這封提醒郵件不含密碼。
